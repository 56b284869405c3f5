// A loopback proxy in front of the local AWS emulator that behaves like a regional API endpoint
// for a scan: every call waits a fixed latency (default 40 ms, a real round trip), and an API
// called more often than its rate in the last second answers ThrottlingException (HTTP 400,
// the JSON error every SageMaker and Tagging API client retries as throttling). Describe and
// list-tags calls get 10 calls/s by default, List calls and Search 5/s. SageMaker publishes no
// per-API rates (only that its management API limits are not adjustable), so these are stand-ins:
// https://docs.aws.amazon.com/sagemaker/latest/dg/regions-quotas.html
// Calls and throttles are counted per operation.
// The emulator answers Search with every record in one page; the proxy pages its answer by the
// request's MaxResults, as SageMaker does (at most 100), so the benchmark counts real pages. The
// emulator lists endpoints and training jobs, and answers Search, oldest first whatever SortOrder
// asks; the proxy reads such a listing whole from it and pages it, and Search's answer, in the
// order asked for, as SageMaker documents (SortBy, SortOrder:
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html). An
// operation in `refused` is answered HTTP 501, as by an endpoint without that API.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyOptions {
  latencyMs?: number;
  /** Calls per second allowed for an operation; undefined means unlimited. */
  rateOf?: (operation: string) => number | undefined;
  /** Operations the emulator lacks, answered here (e.g. ListMonitoringSchedules → empty list). */
  answers?: Record<string, unknown>;
}

const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.1' };

/** Items ordered by a value of each, as a request's SortOrder asks (Descending when it names none). */
function inOrder<T>(items: T[], keyOf: (item: T) => unknown, sortOrder: unknown): T[] {
  const sign = sortOrder === 'Ascending' ? 1 : -1;
  return items.sort((a, b) => {
    const x = keyOf(a) as string;
    const y = keyOf(b) as string;
    return x < y ? -sign : x > y ? sign : 0;
  });
}

/** Listings the proxy orders itself, and the field their answer holds the page in. */
const ORDERED_LISTINGS: Readonly<Record<string, string>> = {
  ListEndpoints: 'Endpoints',
  ListTrainingJobs: 'TrainingJobSummaries',
};

export const DEFAULT_RATE = (operation: string): number | undefined =>
  /^(Describe|ListTags$)/.test(operation) ? 10 : /^(List|GetResources$|Search$)/.test(operation) ? 5 : undefined;

export interface ThrottlingProxy {
  url: string;
  calls: Map<string, number>;
  throttled: Map<string, number>;
  /** Operations answered HTTP 501 (not offered), changeable between runs. */
  refused: Set<string>;
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
  const refused = new Set<string>();
  const upstream = new URL(target);
  const forward = (req: IncomingMessage, payload: Buffer) =>
    request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host, 'content-length': String(payload.length) },
    });
  /** One call to the emulator with this request body, its JSON answer. */
  const upstreamJson = (req: IncomingMessage, query: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const whole = Buffer.from(JSON.stringify(query));
      const call = forward(req, whole);
      call.on('response', async (answer) => resolve(JSON.parse((await body(answer)).toString())));
      call.on('error', reject);
      call.end(whole);
    });
  // Whole answers per request (less its page fields), read from the emulator once and paged here.
  const wholes = new Map<string, Promise<unknown[]>>();
  /** A page of the whole answer, as SageMaker pages: at most 100, the token an offset into it. */
  const pageOf = async (
    req: IncomingMessage,
    payload: Buffer,
    field: string,
    readWhole: (query: Record<string, unknown>) => Promise<unknown[]>,
  ) => {
    const { NextToken, MaxResults, ...query } = JSON.parse(payload.toString());
    const key = `${req.headers['x-amz-target']} ${JSON.stringify(query)}`;
    let all = wholes.get(key);
    if (!all) wholes.set(key, (all = readWhole(query)));
    const items = await all;
    const start = NextToken ? Number(NextToken) : 0;
    const size = Math.min(Number(MaxResults ?? 100), 100);
    return {
      [field]: items.slice(start, start + size),
      ...(start + size < items.length ? { NextToken: String(start + size) } : {}),
    };
  };
  // The emulator answers Search in one page, its records oldest first.
  const searchPage = (req: IncomingMessage, payload: Buffer) =>
    pageOf(req, payload, 'Results', async (query) => {
      const results = ((await upstreamJson(req, query)).Results as Record<string, Record<string, unknown>>[]) ?? [];
      const resource = String(query.Resource);
      return query.SortBy ? inOrder(results, (r) => r[resource]?.[String(query.SortBy)], query.SortOrder) : results;
    });
  // A listing read from the emulator page by page, then put in the order asked for.
  const listPage = (req: IncomingMessage, payload: Buffer, field: string) =>
    pageOf(req, payload, field, async (query) => {
      const items: Record<string, unknown>[] = [];
      let token: string | undefined;
      do {
        const answer = await upstreamJson(req, { ...query, MaxResults: 100, ...(token ? { NextToken: token } : {}) });
        for (const item of (answer[field] as Record<string, unknown>[] | undefined) ?? []) items.push(item);
        token = answer.NextToken as string | undefined;
      } while (token);
      const by =
        query.SortBy === 'Name' ? (Object.keys(items[0] ?? {}).find((k) => k.endsWith('Name')) ?? '') : 'CreationTime';
      return inOrder(items, (item) => item[by], query.SortOrder);
    });
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
    if (refused.has(operation)) {
      res.writeHead(501, JSON_TYPE);
      res.end(JSON.stringify({ __type: 'NotImplemented', message: `${operation} is not offered here` }));
      return;
    }
    if (options.answers && operation in options.answers) {
      res.writeHead(200, JSON_TYPE);
      res.end(JSON.stringify(options.answers[operation]));
      return;
    }
    if (operation === 'Search') {
      res.writeHead(200, JSON_TYPE);
      res.end(JSON.stringify(await searchPage(req, payload)));
      return;
    }
    const listField = ORDERED_LISTINGS[operation];
    if (listField && JSON.parse(payload.toString() || '{}').SortOrder) {
      res.writeHead(200, JSON_TYPE);
      res.end(JSON.stringify(await listPage(req, payload, listField)));
      return;
    }
    const call = forward(req, payload);
    call.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    call.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    call.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    throttled,
    refused,
    reset() {
      calls.clear();
      throttled.clear();
      recent.clear();
      wholes.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
