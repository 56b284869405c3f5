// A loopback proxy in front of the local AWS emulator that behaves like a regional API endpoint
// for a scan: every call waits a fixed latency (default 40 ms, a real round trip), and an API
// called more often than its rate in the last second answers ThrottlingException (HTTP 400,
// the JSON error every SageMaker and Tagging API client retries as throttling). Describe and
// list-tags calls get 10 calls/s by default, List calls 5/s. SageMaker publishes no per-API rates
// (only that its management API limits are not adjustable), so these are the stand-ins:
// https://docs.aws.amazon.com/sagemaker/latest/dg/regions-quotas.html
// Calls and throttles are counted per operation.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyOptions {
  latencyMs?: number;
  /** Calls per second allowed for an operation; undefined means unlimited. */
  rateOf?: (operation: string) => number | undefined;
  /** Operations the emulator lacks, answered here (e.g. ListMonitoringSchedules → empty list). */
  answers?: Record<string, unknown>;
}

export const DEFAULT_RATE = (operation: string): number | undefined =>
  /^(Describe|ListTags$)/.test(operation) ? 10 : /^(List|GetResources$)/.test(operation) ? 5 : undefined;

export interface ThrottlingProxy {
  url: string;
  calls: Map<string, number>;
  throttled: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

export async function startThrottlingProxy(target: string, options: ProxyOptions = {}): Promise<ThrottlingProxy> {
  const latency = options.latencyMs ?? 40;
  const rateOf = options.rateOf ?? DEFAULT_RATE;
  const calls = new Map<string, number>();
  const throttled = new Map<string, number>();
  const recent = new Map<string, number[]>();
  const upstream = new URL(target);
  const server: Server = createServer(async (req, res) => {
    const payload = await body(req);
    const amzTarget = req.headers['x-amz-target'];
    const operation = amzTarget
      ? String(amzTarget).split('.').pop()!
      : (new URLSearchParams(payload.toString()).get('Action') ?? req.method ?? '');
    calls.set(operation, (calls.get(operation) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, latency));
    const rate = rateOf(operation);
    if (rate !== undefined) {
      const now = Date.now();
      const window = (recent.get(operation) ?? []).filter((t) => now - t < 1000);
      if (window.length >= rate) {
        recent.set(operation, window);
        throttled.set(operation, (throttled.get(operation) ?? 0) + 1);
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      window.push(now);
      recent.set(operation, window);
    }
    if (options.answers && operation in options.answers) {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(options.answers[operation]));
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    forward.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    throttled,
    reset() {
      calls.clear();
      throttled.clear();
      recent.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
