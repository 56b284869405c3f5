// A failed AWS call as one line a user can act on: which API, in which Region, and what to do.
// SDK errors say neither the call nor the Region (a scan makes hundreds of calls), so each client
// gets a middleware that names them on the error; `errorText` turns that into the line.
import { isAccessDenied, isUnavailableApi } from '../rules/_core/clients.js';

/** IAM action prefixes by SDK client name. */
const SERVICE_OF_CLIENT: Record<string, string> = {
  ConfigServiceClient: 'config',
  SageMakerClient: 'sagemaker',
  S3Client: 's3',
  STSClient: 'sts',
  ResourceGroupsTaggingAPIClient: 'tag',
  OrganizationsClient: 'organizations',
  CloudFormationClient: 'cloudformation',
};

/**
 * S3 operations whose IAM action has another name; every other operation is `service:Operation`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
const S3_ACTIONS: Record<string, string> = {
  ListBuckets: 's3:ListAllMyBuckets',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  GetObjectLockConfiguration: 's3:GetBucketObjectLockConfiguration',
};

export function iamActionOf(service: string | undefined, operation: string | undefined): string | undefined {
  if (!service || !operation) return undefined;
  return (service === 's3' ? S3_ACTIONS[operation] : undefined) ?? `${service}:${operation}`;
}

interface NamedError {
  name?: string;
  message?: string;
  operation?: string;
  service?: string;
  region?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Add the call's operation, service and Region to any error it throws. */
export function nameFailedCalls<
  C extends { middlewareStack: { add: (...args: any[]) => void }; config: { region: () => Promise<string> } },
>(client: C): C {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string; clientName?: string }) =>
      async (args: unknown) => {
        try {
          return await next(args);
        } catch (error) {
          if (error && typeof error === 'object' && !('operation' in error)) {
            const region = await client.config.region().catch(() => undefined);
            Object.assign(error, {
              operation: String(context.commandName ?? '').replace(/Command$/, ''),
              service: SERVICE_OF_CLIENT[context.clientName ?? ''],
              ...(region ? { region } : {}),
            });
          }
          throw error;
        }
      },
    { step: 'initialize', name: 'nameFailedCalls' },
  );
  return client;
}

/** An error as one line: the call, the Region, what happened and, for a denial, the action to grant. */
export function errorText(error: unknown): string {
  const e = (error ?? {}) as NamedError;
  const call = e.operation ? `${e.operation}${e.region ? ` in ${e.region}` : ''}` : undefined;
  const status = e.$metadata?.httpStatusCode;
  if (call && isUnavailableApi(error)) {
    const why = status === 501 ? 'HTTP 501 Not Implemented' : `HTTP ${status}, an HTML page`;
    return `${call}: not offered by this endpoint (${why})`;
  }
  if (call && isAccessDenied(error)) {
    const action = iamActionOf(e.service, e.operation);
    return `${call}: access denied${action ? `; grant ${action}` : ''}`;
  }
  const message = String(e.message ?? error)
    .split('\n')[0]!
    .trim();
  const attempts = e.$metadata?.attempts;
  return (
    // A plain Error's name says nothing: a network failure reads "connect ECONNREFUSED …".
    `${call ? `${call}: ` : ''}${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${message}` +
    (status ? ` (HTTP ${status}${attempts && attempts > 1 ? ` after ${attempts} attempts` : ''})` : '')
  );
}

/**
 * A successful answer the SDK could not read: the local emulator's Config items for S3 carry
 * timestamps as strings where the API model has numbers ("Expected real number").
 */
export function isUnreadableAnswer(error: unknown): boolean {
  const e = (error ?? {}) as NamedError & { $response?: { statusCode?: number } };
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  return (
    status !== undefined &&
    status >= 200 &&
    status < 300 &&
    /Expected real number|not valid JSON|Unexpected token|SerializationException/i.test(`${e.name} ${e.message}`)
  );
}
