// The one Lambda call a chained run makes (chain.ts). Named, static imports: esbuild keeps only
// these two of the Lambda client's commands, 80 KB of a scheduled bundle. (A dynamic import, to
// load the client on the first hand-off only, kept the whole client: 100 KB more.) Only the
// scheduled form of the handler reaches this module; a change rule's bundle has none of it.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig } from './clients.js';

let lambda: LambdaClient | undefined;

/** Invokes a function asynchronously (InvocationType Event) with the function's own role; the answer's status. */
export async function invokeAsync(functionArn: string, payload: string): Promise<number | undefined> {
  // The function's own role, also when the run is for a member account.
  lambda ??= new LambdaClient(clientConfig());
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(payload) }),
  );
  return out.StatusCode;
}
