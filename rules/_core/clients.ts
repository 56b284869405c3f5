// SDK client settings shared by every AWS call of the runtime and the command: the SDK's own
// retry strategies (standard, or adaptive with client-side rate limiting), with more attempts
// than the SDK's default 3 because list/describe calls over many resources are the ones that meet
// throttling (ThrottlingException and JSON 5xx answers are retried with back-off).
// Answers that no retry can change are not retried: an endpoint that lacks the API (HTTP 501, or
// an HTML page where JSON or XML was expected, as an emulator or proxy answers an unknown call).
// Access denials are client errors, which the SDK never retries.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
import { AdaptiveRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentity, Provider } from '@aws-sdk/types';

export const DEFAULT_MAX_ATTEMPTS = 8;

export type RetryMode = 'standard' | 'adaptive';

export interface ClientOptions {
  region?: string;
  credentials?: AwsCredentialIdentity | Provider<AwsCredentialIdentity>;
  maxAttempts?: number;
  /** Default: AWS_RETRY_MODE when it says adaptive, else standard. */
  retryMode?: RetryMode;
}

interface ErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * The endpoint does not offer this API: HTTP 501, or a 5xx whose body is not the service's JSON/XML
 * (an HTML error page: the SDK fails to parse it). Retrying cannot change either answer.
 */
export function isUnavailableApi(error: unknown): boolean {
  const e = (error ?? {}) as ErrorShape;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status === 501) return true;
  if (status < 500 || status > 599) return false;
  const type = e.$response?.headers?.['content-type'] ?? e.$response?.headers?.['Content-Type'] ?? '';
  return /text\/html/i.test(type) || e.name === 'SyntaxError' || /<!doctype|<html/i.test(e.message ?? '');
}

const DENIED =
  /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|AuthorizationErrorException|NotAuthorized)$/;

/** An access denial, by the error names AWS services use for one, or HTTP 403. */
export function isAccessDenied(error: unknown): boolean {
  return DENIED.test((error as ErrorShape)?.name ?? '') || (error as ErrorShape)?.$metadata?.httpStatusCode === 403;
}

type Strategy = StandardRetryStrategy | AdaptiveRetryStrategy;

/** The SDK's retry strategy, declining only the answers `isUnavailableApi` recognises. */
export function retryStrategy(mode: RetryMode, maxAttempts: number): Strategy {
  const inner: Strategy =
    mode === 'adaptive' ? new AdaptiveRetryStrategy(maxAttempts) : new StandardRetryStrategy(maxAttempts);
  const refresh = inner.refreshRetryTokenForRetry.bind(inner);
  // The retry middleware rethrows the original error when the strategy refuses a retry.
  inner.refreshRetryTokenForRetry = async (token, info) => {
    if (isUnavailableApi(info.error)) throw info.error;
    return refresh(token, info);
  };
  return inner;
}

export function clientConfig(options: ClientOptions = {}) {
  const fromEnv = Number(process.env.AWS_MAX_ATTEMPTS);
  const maxAttempts =
    options.maxAttempts ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_ATTEMPTS);
  const retryMode: RetryMode =
    options.retryMode ?? (process.env.AWS_RETRY_MODE === 'adaptive' ? 'adaptive' : 'standard');
  return {
    retryMode,
    maxAttempts,
    retryStrategy: retryStrategy(retryMode, maxAttempts),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}

/** A client kept for reuse, beside the options it was built from. */
export interface KeptClient<C> {
  options: ClientOptions | undefined;
  client: C;
}

/** The same options: each field equal, the credentials the same object (a provider is not compared by value). */
function sameOptions(a: ClientOptions = {}, b: ClientOptions = {}): boolean {
  const keys = Object.keys(a).concat(Object.keys(b)) as (keyof ClientOptions)[];
  return keys.every((key) => a[key] === b[key]);
}

/**
 * The client kept under `key` (an account, a Region) if it was built from these same options,
 * else a new one from `make`, kept in its place. A warm function reuses its clients, and their
 * connections, across runs; a caller whose credentials, Region or retries differ never gets a
 * client built for another.
 */
export function keptClient<C>(
  kept: Map<string, KeptClient<C>>,
  key: string,
  options: ClientOptions | undefined,
  make: () => C,
): C {
  const hit = kept.get(key);
  if (hit && sameOptions(hit.options, options)) return hit.client;
  const client = make();
  kept.set(key, { options, client });
  return client;
}
