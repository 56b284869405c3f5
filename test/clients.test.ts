// The SDK client settings every AWS call of the runtime and the command shares (rules/_core/clients.ts):
// which answers are an API the endpoint lacks or an access denial, the retry strategy that declines
// the first and keeps the SDK's retries for the rest, and the defaults taken from the environment.
import { AdaptiveRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clientConfig,
  DEFAULT_MAX_ATTEMPTS,
  isAccessDenied,
  isUnavailableApi,
  retryStrategy,
} from '../rules/_core/clients.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** An SDK error as the client throws it: a name, a message, the HTTP status and the response headers. */
const sdkError = (status: number, fields: { name?: string; message?: string; headers?: Record<string, string> } = {}) =>
  Object.assign(new Error(fields.message ?? 'failed'), {
    name: fields.name ?? 'ServiceException',
    $metadata: { httpStatusCode: status },
    ...(fields.headers ? { $response: { statusCode: status, headers: fields.headers, body: undefined } } : {}),
  });

describe('an API the endpoint does not offer', () => {
  it('is HTTP 501, whatever the body', () => {
    expect(isUnavailableApi(sdkError(501))).toBe(true);
  });

  it('is a 5xx answered with an HTML page, by either spelling of the content-type header', () => {
    expect(isUnavailableApi(sdkError(500, { headers: { 'content-type': 'text/html; charset=utf-8' } }))).toBe(true);
    expect(isUnavailableApi(sdkError(502, { headers: { 'Content-Type': 'TEXT/HTML' } }))).toBe(true);
    expect(isUnavailableApi(sdkError(599, { headers: { 'content-type': 'text/html' } }))).toBe(true);
  });

  it('is a 5xx whose body the SDK could not parse (SyntaxError), or whose message is an HTML page', () => {
    expect(isUnavailableApi(sdkError(500, { name: 'SyntaxError' }))).toBe(true);
    expect(isUnavailableApi(sdkError(500, { message: '<!DOCTYPE html><title>404</title>' }))).toBe(true);
    expect(isUnavailableApi(sdkError(503, { message: 'Deserialization error: <html><body>Not Found' }))).toBe(true);
  });

  it('is not a 5xx in the service JSON, which a retry can change (a fault, a throttle answered as 503)', () => {
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    expect(isUnavailableApi(sdkError(500, { name: 'InternalFailure', headers: json }))).toBe(false);
    expect(isUnavailableApi(sdkError(503, { name: 'ServiceUnavailable', message: 'Service is busy' }))).toBe(false);
  });

  it('is not a 4xx or a 600, even with an HTML body: only server errors are looked at', () => {
    const html = { headers: { 'content-type': 'text/html' }, name: 'SyntaxError', message: '<html>' };
    expect(isUnavailableApi(sdkError(400, html))).toBe(false);
    expect(isUnavailableApi(sdkError(499, html))).toBe(false);
    expect(isUnavailableApi(sdkError(600, html))).toBe(false);
  });

  it('is read from the body when the response has no headers', () => {
    const headerless = Object.assign(sdkError(500, { name: 'SyntaxError' }), { $response: { statusCode: 500 } });
    expect(isUnavailableApi(headerless)).toBe(true);
  });

  it('is not an error without an HTTP status, nor nothing at all', () => {
    expect(isUnavailableApi(new SyntaxError('Unexpected token <'))).toBe(false);
    expect(isUnavailableApi(undefined)).toBe(false);
    expect(isUnavailableApi(null)).toBe(false);
  });
});

describe('an access denial', () => {
  it('is any of the names AWS services give one, exactly', () => {
    for (const name of [
      'AccessDenied',
      'AccessDeniedException',
      'UnauthorizedOperation',
      'UnauthorizedAccess',
      'AuthorizationError',
      'AuthorizationErrorException',
      'NotAuthorized',
    ]) {
      expect(isAccessDenied(sdkError(400, { name })), name).toBe(true);
    }
  });

  it('is HTTP 403 under any name', () => {
    expect(isAccessDenied(sdkError(403, { name: 'Forbidden' }))).toBe(true);
  });

  it('is not a name that only contains one of them, another client error, or nothing', () => {
    expect(isAccessDenied(sdkError(400, { name: 'NotAccessDeniedException' }))).toBe(false);
    expect(isAccessDenied(sdkError(400, { name: 'AccessDeniedExceptionWrapper' }))).toBe(false);
    expect(isAccessDenied(sdkError(400, { name: 'ThrottlingException' }))).toBe(false);
    expect(isAccessDenied(undefined)).toBe(false);
    // An error that never reached AWS has no HTTP metadata at all.
    expect(isAccessDenied(new Error('socket hang up'))).toBe(false);
  });
});

describe('the retry strategy', () => {
  type ErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];
  /** What the retry middleware hands the strategy (the SDK's own error type is narrower than a test's). */
  const info = (errorType: ErrorInfo['errorType'], error: Error): ErrorInfo =>
    ({ errorType, error }) as unknown as ErrorInfo;
  const throttle = info('THROTTLING', sdkError(400, { name: 'ThrottlingException' }));

  it("is the SDK's standard or adaptive strategy, as asked", () => {
    const standard = retryStrategy('standard', 4);
    const adaptive = retryStrategy('adaptive', 4);
    expect(standard).toBeInstanceOf(StandardRetryStrategy);
    expect(standard.mode).toBe('standard');
    expect(adaptive).toBeInstanceOf(AdaptiveRetryStrategy);
    expect(adaptive.mode).toBe('adaptive');
  });

  it('retries a throttle until the attempts given are spent', async () => {
    // The strategy waits out its back-off before it hands the next token over: the clock is faked.
    vi.useFakeTimers();
    const strategy = retryStrategy('standard', 3) as StandardRetryStrategy;
    const refreshed = async (token: Awaited<ReturnType<StandardRetryStrategy['acquireInitialRetryToken']>>) => {
      const next = strategy.refreshRetryTokenForRetry(token, throttle);
      await vi.advanceTimersByTimeAsync(60_000);
      return next;
    };
    const first = await strategy.acquireInitialRetryToken('sagemaker');
    const second = await refreshed(first);
    expect(second.getRetryCount()).toBe(1);
    const third = await refreshed(second);
    expect(third.getRetryCount()).toBe(2);
    await expect(strategy.refreshRetryTokenForRetry(third, throttle)).rejects.toThrow();
  });

  it('declines at once an answer no retry can change, throwing the error it was given', async () => {
    for (const mode of ['standard', 'adaptive'] as const) {
      // Both strategies take the same calls; the standard one's types serve for both.
      const strategy = retryStrategy(mode, 8) as StandardRetryStrategy;
      const token = await strategy.acquireInitialRetryToken('config');
      const unavailable = sdkError(501, { name: 'NotImplemented' });
      await expect(strategy.refreshRetryTokenForRetry(token, info('SERVER_ERROR', unavailable))).rejects.toBe(
        unavailable,
      );
    }
  });
});

describe('the client settings', () => {
  it('default to standard retries and the pack’s attempts, with no Region and no credentials of their own', () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', undefined);
    vi.stubEnv('AWS_RETRY_MODE', undefined);
    const config = clientConfig();
    expect(config.retryMode).toBe('standard');
    expect(config.maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(DEFAULT_MAX_ATTEMPTS).toBeGreaterThan(3);
    expect(config.retryStrategy.mode).toBe('standard');
    expect(config).not.toHaveProperty('region');
    expect(config).not.toHaveProperty('credentials');
  });

  it('take the attempts from AWS_MAX_ATTEMPTS when it is a whole number above zero', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '5');
    expect(clientConfig().maxAttempts).toBe(5);
    expect(await (clientConfig().retryStrategy as StandardRetryStrategy).maxAttempts()).toBe(5);
    for (const refused of ['0', '-2', '2.5', 'many', '']) {
      vi.stubEnv('AWS_MAX_ATTEMPTS', refused);
      expect(clientConfig().maxAttempts, refused).toBe(DEFAULT_MAX_ATTEMPTS);
    }
  });

  it('take adaptive retries from AWS_RETRY_MODE only when it says adaptive', () => {
    vi.stubEnv('AWS_RETRY_MODE', 'adaptive');
    expect(clientConfig().retryMode).toBe('adaptive');
    expect(clientConfig().retryStrategy.mode).toBe('adaptive');
    vi.stubEnv('AWS_RETRY_MODE', 'legacy');
    expect(clientConfig().retryMode).toBe('standard');
  });

  it('let the options given win over the environment, and pass a Region and credentials on', () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '5');
    vi.stubEnv('AWS_RETRY_MODE', 'adaptive');
    const credentials = { accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'example' };
    const config = clientConfig({ region: 'eu-west-1', credentials, maxAttempts: 2, retryMode: 'standard' });
    expect(config).toMatchObject({ region: 'eu-west-1', credentials, maxAttempts: 2, retryMode: 'standard' });
    expect(config.retryStrategy.mode).toBe('standard');
  });
});
