// SDK client settings shared by every AWS call of the runtime: standard retries, with more
// attempts than the SDK's default 3 because list/describe calls of a periodic run over many
// resources are the ones that meet throttling (ThrottlingException is retried with back-off).
import type { AwsCredentialIdentity, Provider } from '@aws-sdk/types';

export const DEFAULT_MAX_ATTEMPTS = 8;

export interface ClientOptions {
  region?: string;
  credentials?: AwsCredentialIdentity | Provider<AwsCredentialIdentity>;
  maxAttempts?: number;
}

export function clientConfig(options: ClientOptions = {}) {
  const fromEnv = Number(process.env.AWS_MAX_ATTEMPTS);
  return {
    retryMode: 'standard' as const,
    maxAttempts: options.maxAttempts ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_ATTEMPTS),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}
