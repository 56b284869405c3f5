// A loopback HTTP endpoint that speaks the AWS Config JSON protocol, for tests that must go
// through the real SDK stack (retries, serialisation) or run in another process (the bundle).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  operation: string;
  body: any;
}

export type Responder = (operation: string, body: any, callIndex: number) => { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeConfigEndpoint {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });

export async function startFakeConfigEndpoint(respond: Responder): Promise<FakeConfigEndpoint> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    // X-Amz-Target: StarlingDoveService.PutEvaluations
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    const body = text ? JSON.parse(text) : {};
    calls.push({ operation, body });
    const answer = respond(operation, body, calls.length - 1);
    res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Environment for an SDK client (in this or another process) to talk to the fake endpoint. */
export const fakeAwsEnv = (url: string) => ({
  AWS_ENDPOINT_URL: url,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
});
