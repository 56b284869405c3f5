// A fast local fake of the AWS APIs a periodic run of the SageMaker rules calls, for the scale
// benchmark (bench/scale.ts): one loopback HTTP server answering the AWS JSON 1.1 protocol
// (the X-Amz-Target header names the operation) for SageMaker, the Resource Groups Tagging API
// and AWS Config, and STS GetCallerIdentity (query protocol) for `scan`. The account is a
// World (world.ts): N endpoints and N training jobs, built from N and a seed when a call asks.
//
// Like a regional endpoint, every answer waits a round trip (default 40 ms), each operation above
// its rate answers HTTP 400 ThrottlingException (a token bucket per operation holding one second
// of calls), and a share of the calls (default 1%, chosen by the seed and the call's number, so
// the same run meets the same faults) answers HTTP 500 InternalFailure. The rates are
// bench/throttling-proxy.ts's DEFAULT_RATE, stand-ins: SageMaker publishes no per-API rates
// (https://docs.aws.amazon.com/sagemaker/latest/dg/regions-quotas.html), and the Tagging and
// Config reference pages cited below state none for these operations.
// An operation it does not implement answers HTTP 400 UnknownOperationException, and a request
// field it does not implement answers ValidationException: a new call of the pack is loud here.
//
// Page sizes are AWS's:
// - ListEndpoints, ListTrainingJobs, ListMonitoringSchedules, Search: MaxResults 1-100
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListMonitoringSchedules.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html
// - ListTags: MaxResults at least 50, no maximum stated (the pack sends 100)
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html
// - GetResources: ResourcesPerPage 1-100; tagged (or once-tagged) resources only; an empty
//   PaginationToken ends the listing
//   https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// - GetComplianceDetailsByConfigRule: Limit 0-100
//   https://docs.aws.amazon.com/config/latest/APIReference/API_GetComplianceDetailsByConfigRule.html
// - PutEvaluations: at most 100 evaluations a call
//   https://docs.aws.amazon.com/config/latest/APIReference/API_PutEvaluations.html
// Default orders, from the same pages: ListEndpoints and ListMonitoringSchedules by CreationTime,
// Descending; ListTrainingJobs by CreationTime, Ascending; Search by LastModifiedTime, Descending.
// DEFAULT_RATE leaves Config's operations unthrottled.
//
// Every PutEvaluations is checked against what the rule must say (world.ts expectationsFor): a
// run is armed with its result token, and `grade` says how many verdicts arrived, were right,
// wrong, missing or sent twice.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_RATE } from '../throttling-proxy.js';
import {
  ACCOUNT,
  ACCOUNT_TYPE,
  type Compliance,
  type Expectation,
  expectationsFor,
  fnv,
  frac,
  REGION,
  type World,
} from './world.js';

export interface ScaleFakeOptions {
  world: World;
  /** Every answer waits this long (a round trip). Default 40. */
  latencyMs?: number;
  /** Calls per second an operation takes; undefined: unlimited. Default DEFAULT_RATE. */
  rateOf?: (operation: string) => number | undefined;
  /** Share of the calls answered HTTP 500 InternalFailure. Default 0.01. */
  faultRate?: number;
}

export interface OpCounter {
  /** Every request, answered or not. */
  calls: number;
  throttled: number;
  faulted: number;
}

/** What a Lambda run sent through PutEvaluations, against what it had to send. */
export interface Grade {
  rule: string;
  /** PutEvaluations calls answered 200 for this run's token. */
  putEvaluationsCalls: number;
  /** Distinct resources reported. */
  received: number;
  expected: number;
  /** Reported with the expected verdict. */
  right: number;
  /** Reported with another verdict, a resource not expected, or an account summary with wrong counts. */
  wrong: number;
  missing: number;
  /** The same resource reported again in the run. */
  duplicates: number;
  /** Any call with TestMode true (a real run must report for real). */
  testMode: boolean;
  /** The first few wrong ones, for the report. */
  examples: string[];
}

export interface ScaleFake {
  url: string;
  world: World;
  counters: Map<string, OpCounter>;
  /** Before a run: counters, rate buckets and the fault sequence start again. */
  reset(): void;
  /** Expect a Lambda run's PutEvaluations under this token, and serve its rule's earlier results. */
  arm(run: { token: string; ruleName: string; rule: string }): void;
  grade(token: string): Grade;
  expectation(rule: string): Expectation;
  /** The next chained link's event a run asked Lambda to invoke (Invoke, InvocationType Event), oldest first. */
  takeInvocation(): { functionName: string; payload: string } | undefined;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: string;
  contentType?: string;
}

class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const JSON_11 = 'application/x-amz-json-1.1';
const ok = (value: unknown): Answer => ({ status: 200, body: JSON.stringify(value) });
const invalid = (message: string) => new AwsError(400, 'ValidationException', message);

/** Refuse request fields the fake does not implement, so a new one the pack sends is noticed. */
function only(input: Record<string, unknown>, operation: string, allowed: readonly string[]): void {
  for (const key of Object.keys(input))
    if (!allowed.includes(key)) throw invalid(`the scale fake does not implement ${key} on ${operation}`);
}

/** A page size within AWS's bounds (the SDK's paginators send 100). */
function pageSize(
  value: unknown,
  fallback: number,
  max: number,
  field: string,
  error = 'ValidationException',
  min = 1,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AwsError(
      400,
      error,
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value ${n < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  return n;
}

/** Opaque page tokens bound to the query they continue (the request without its page fields). */
const tokenOf = (query: string, offset: number) =>
  Buffer.from(`${fnv(query).toString(36)}.${offset.toString(36)}`).toString('base64url');
function offsetOf(token: unknown, query: string): number {
  if (token === undefined || token === null || token === '') return 0;
  const [check, offset] = Buffer.from(String(token), 'base64url').toString().split('.');
  if (check !== fnv(query).toString(36) || offset === undefined) throw invalid('Invalid pagination token');
  return Number.parseInt(offset, 36);
}
const queryOf = (input: Record<string, unknown>, ...pageFields: string[]) =>
  JSON.stringify(Object.entries(input).filter(([k]) => !pageFields.includes(k)));

/** A page of a virtual list of `length` items, `item(position)` building each. */
function page<T>(length: number, start: number, size: number, item: (position: number) => T) {
  const end = Math.min(length, start + size);
  const items: T[] = [];
  for (let p = start; p < end; p++) items.push(item(p));
  return { items, next: end < length ? end : undefined };
}

function descending(input: Record<string, unknown>, fallback: 'Ascending' | 'Descending'): boolean {
  const order = input.SortOrder ?? fallback;
  if (order !== 'Ascending' && order !== 'Descending') throw invalid(`SortOrder ${String(order)} is not valid`);
  return order === 'Descending';
}
function sortBy(input: Record<string, unknown>, supported: string, operation: string): void {
  if (input.SortBy !== undefined && input.SortBy !== supported)
    throw invalid(`the scale fake sorts ${operation} by ${supported} only, not ${String(input.SortBy)}`);
}

const CALLER = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::${ACCOUNT}:user/ml-platform-ci</Arn><UserId>AIDAEXAMPLESCALE</UserId><Account>${ACCOUNT}</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>5c6d7e8f</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

/** The name in a SageMaker ARN of this account and Region, by resource type. */
function arnName(arn: string): { type: string; name: string } | undefined {
  const m = new RegExp(`^arn:aws:sagemaker:${REGION}:${ACCOUNT}:([a-z-]+)/(.+)$`).exec(arn);
  return m ? { type: m[1]!, name: m[2]! } : undefined;
}

interface Armed {
  rule: string;
  expectation: Expectation;
  received: Map<string, Compliance>;
  calls: number;
  wrong: number;
  /** Keys reported wrong at least once: not right, whatever came later. */
  bad: Set<string>;
  duplicates: number;
  testMode: boolean;
  examples: string[];
}

/** "3 of 41 training jobs since …" / "41 training jobs since …, none non-compliant" / "no training jobs …" */
function summaryCounts(annotation: unknown): { nonCompliant: number; total: number } | undefined {
  const text = String(annotation ?? '');
  const some = /^(\d+) of (\d+) /.exec(text);
  if (some) return { nonCompliant: Number(some[1]), total: Number(some[2]) };
  const none = /^(\d+) .*, none non-compliant$/.exec(text);
  if (none) return { nonCompliant: 0, total: Number(none[1]) };
  return /^no /.test(text) ? { nonCompliant: 0, total: 0 } : undefined;
}

export async function startScaleFake(options: ScaleFakeOptions): Promise<ScaleFake> {
  const { world } = options;
  const latency = options.latencyMs ?? 40;
  const rateOf = options.rateOf ?? DEFAULT_RATE;
  const faultRate = options.faultRate ?? 0.01;
  const counters = new Map<string, OpCounter>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const passed = new Map<string, number>();
  const armed = new Map<string, Armed>();
  const byRuleName = new Map<string, Expectation>();
  const filteredPrevious = new Map<string, Expectation['previous']>();
  const expectations = new Map<string, Expectation>();
  const expectation = (rule: string) => {
    let e = expectations.get(rule);
    if (!e) expectations.set(rule, (e = expectationsFor(world, rule)));
    return e;
  };

  const counter = (operation: string) => {
    let c = counters.get(operation);
    if (!c) counters.set(operation, (c = { calls: 0, throttled: 0, faulted: 0 }));
    return c;
  };

  /** Token bucket: `rate` calls a second, at most one second's worth saved up. */
  function admit(operation: string): boolean {
    const rate = rateOf(operation);
    if (rate === undefined) return true;
    const now = performance.now();
    let bucket = buckets.get(operation);
    if (!bucket) buckets.set(operation, (bucket = { tokens: rate, at: now }));
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** The n-th call of an operation past its rate faults when the seed says so. */
  function faults(operation: string): boolean {
    const n = (passed.get(operation) ?? 0) + 1;
    passed.set(operation, n);
    return faultRate > 0 && frac(world.seed, n, fnv(operation)) < faultRate;
  }

  // --- SageMaker ---------------------------------------------------------------------------

  function listEndpoints(input: Record<string, unknown>): Answer {
    only(input, 'ListEndpoints', ['MaxResults', 'NextToken', 'SortBy', 'SortOrder', 'CreationTimeBefore']);
    sortBy(input, 'CreationTime', 'ListEndpoints');
    const size = pageSize(input.MaxResults, 10, 100, 'maxResults');
    const query = queryOf(input, 'MaxResults', 'NextToken');
    const desc = descending(input, 'Descending');
    const end = endBefore((i) => world.endpointCreated(i), input.CreationTimeBefore);
    const { items, next } = page(end, offsetOf(input.NextToken, query), size, (p) =>
      world.endpointSummary(desc ? end - 1 - p : p),
    );
    return ok({ Endpoints: items, ...(next !== undefined ? { NextToken: tokenOf(query, next) } : {}) });
  }

  function describeEndpoint(input: Record<string, unknown>): Answer {
    only(input, 'DescribeEndpoint', ['EndpointName']);
    const i = world.endpointIndex(String(input.EndpointName));
    if (i === undefined) throw invalid(`Could not find endpoint "${world.endpointArn(String(input.EndpointName))}".`);
    return ok(world.endpointDescribe(i));
  }

  function listMonitoringSchedules(input: Record<string, unknown>): Answer {
    only(input, 'ListMonitoringSchedules', ['MaxResults', 'NextToken', 'SortBy', 'SortOrder']);
    sortBy(input, 'CreationTime', 'ListMonitoringSchedules');
    const size = pageSize(input.MaxResults, 10, 100, 'maxResults');
    const query = queryOf(input, 'MaxResults', 'NextToken');
    const desc = descending(input, 'Descending');
    const total = world.schedules.endpoint.length;
    const { items, next } = page(total, offsetOf(input.NextToken, query), size, (p) =>
      world.scheduleSummary(desc ? total - 1 - p : p),
    );
    return ok({
      MonitoringScheduleSummaries: items,
      ...(next !== undefined ? { NextToken: tokenOf(query, next) } : {}),
    });
  }

  /**
   * The first index created at or after `ms` (creation times rise with the index): a listing's
   * CreationTimeBefore, or Search's CreationTime LessThan, keeps the indices below it.
   */
  function firstCreatedFrom(createdOf: (i: number) => number, ms: number): number {
    let lo = 0;
    let hi = world.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (createdOf(mid) >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** CreationTimeBefore as the SDK sends it (epoch seconds) → the end of the index range. */
  const endBefore = (createdOf: (i: number) => number, value: unknown) =>
    value === undefined ? world.n : firstCreatedFrom(createdOf, Number(value) * 1000);

  /** The first job index created after `seconds` (creation times rise with the index). */
  function firstJobAfter(seconds: number): number {
    let lo = 0;
    let hi = world.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (world.jobCreated(mid) / 1000 > seconds) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  function listTrainingJobs(input: Record<string, unknown>): Answer {
    only(input, 'ListTrainingJobs', [
      'MaxResults',
      'NextToken',
      'SortBy',
      'SortOrder',
      'CreationTimeAfter',
      'CreationTimeBefore',
    ]);
    sortBy(input, 'CreationTime', 'ListTrainingJobs');
    const size = pageSize(input.MaxResults, 10, 100, 'maxResults');
    const query = queryOf(input, 'MaxResults', 'NextToken');
    const desc = descending(input, 'Ascending');
    const first = input.CreationTimeAfter === undefined ? 0 : firstJobAfter(Number(input.CreationTimeAfter));
    const end = Math.max(
      first,
      endBefore((j) => world.jobCreated(j), input.CreationTimeBefore),
    );
    const count = end - first;
    const { items, next } = page(count, offsetOf(input.NextToken, query), size, (p) =>
      world.jobSummary(desc ? end - 1 - p : first + p),
    );
    return ok({ TrainingJobSummaries: items, ...(next !== undefined ? { NextToken: tokenOf(query, next) } : {}) });
  }

  function describeTrainingJob(input: Record<string, unknown>): Answer {
    only(input, 'DescribeTrainingJob', ['TrainingJobName']);
    const j = world.jobIndex(String(input.TrainingJobName));
    if (j === undefined) throw new AwsError(400, 'ResourceNotFound', 'Requested resource not found.');
    return ok(world.jobDescribe(j));
  }

  function search(input: Record<string, unknown>): Answer {
    only(input, 'Search', ['Resource', 'SortBy', 'SortOrder', 'MaxResults', 'NextToken', 'SearchExpression']);
    // LastModifiedTime is Search's default order; CreationTime is the order the listings are read in.
    const byCreation = input.SortBy === 'CreationTime';
    if (!byCreation) sortBy(input, 'LastModifiedTime', 'Search');
    const size = pageSize(input.MaxResults, 10, 100, 'maxResults');
    const query = queryOf(input, 'MaxResults', 'NextToken');
    const desc = descending(input, 'Descending');
    const resource = input.Resource;
    if (resource !== 'Endpoint' && resource !== 'TrainingJob')
      throw invalid(`the scale fake searches Endpoint and TrainingJob only, not ${String(resource)}`);
    const order = resource === 'Endpoint' ? world.endpointsByModified : world.jobsByModified;
    const record = resource === 'Endpoint' ? world.endpointSearchRecord.bind(world) : world.jobSearchRecord.bind(world);
    // Creation times rise with the index, for endpoints and jobs alike (world.ts).
    const created =
      resource === 'Endpoint' ? (i: number) => world.endpointCreated(i) : (j: number) => world.jobCreated(j);
    const end = searchEnd(input.SearchExpression, byCreation, created);
    const at = (p: number) => (byCreation ? (desc ? end - 1 - p : p) : order[desc ? p : world.n - 1 - p]!);
    const { items, next } = page(end, offsetOf(input.NextToken, query), size, (p) => record(at(p)));
    return ok({ Results: items, ...(next !== undefined ? { NextToken: tokenOf(query, next) } : {}) });
  }

  /**
   * The one SearchExpression the pack sends (a chained link's, rules/_inventory/resume.ts):
   * CreationTime LessThan `YYYY-mm-dd'T'HH:MM:SS`, with the records sorted by CreationTime.
   */
  function searchEnd(expression: unknown, byCreation: boolean, created: (i: number) => number): number {
    if (expression === undefined) return world.n;
    const filters = (expression as { Filters?: { Name?: string; Operator?: string; Value?: string }[] }).Filters;
    const f = filters?.[0];
    if (!byCreation || filters?.length !== 1 || f?.Name !== 'CreationTime' || f.Operator !== 'LessThan')
      throw invalid('the scale fake implements one SearchExpression: CreationTime LessThan, sorted by CreationTime');
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(f.Value ?? ''))
      throw invalid(`Value ${String(f.Value)} is not of the form YYYY-mm-dd'T'HH:MM:SS`);
    return firstCreatedFrom(created, Date.parse(`${f.Value}Z`));
  }

  function listTags(input: Record<string, unknown>): Answer {
    only(input, 'ListTags', ['ResourceArn', 'MaxResults', 'NextToken']);
    const size = pageSize(input.MaxResults, 50, Number.MAX_SAFE_INTEGER, 'maxResults', 'ValidationException', 50);
    const target = arnName(String(input.ResourceArn));
    const index =
      target?.type === 'endpoint'
        ? world.endpointIndex(target.name)
        : target?.type === 'training-job'
          ? world.jobIndex(target.name)
          : undefined;
    if (!target || index === undefined) throw invalid(`Resource ${String(input.ResourceArn)} not found.`);
    const tags = target.type === 'endpoint' ? world.endpointTagList(index) : world.jobTagList(index);
    const query = queryOf(input, 'MaxResults', 'NextToken');
    const { items, next } = page(tags.length, offsetOf(input.NextToken, query), size, (p) => tags[p]!);
    return ok({ Tags: items, ...(next !== undefined ? { NextToken: tokenOf(query, next) } : {}) });
  }

  // --- Resource Groups Tagging API -----------------------------------------------------------

  function getResources(input: Record<string, unknown>): Answer {
    only(input, 'GetResources', ['ResourceTypeFilters', 'TagFilters', 'ResourcesPerPage', 'PaginationToken']);
    const size = pageSize(input.ResourcesPerPage, 50, 100, 'resourcesPerPage', 'InvalidParameterException');
    const types = (input.ResourceTypeFilters as string[] | undefined) ?? [
      'sagemaker:endpoint',
      'sagemaker:training-job',
    ];
    const filters = (input.TagFilters as { Key?: string; Values?: string[] }[] | undefined) ?? [];
    // Tagged resources of the asked types, endpoints then jobs, as one list.
    const segments: {
      tagged: Int32Array;
      arn: (i: number) => string;
      tags: (i: number) => { Key: string; Value: string }[];
    }[] = [];
    if (types.includes('sagemaker:endpoint') || types.includes('sagemaker'))
      segments.push({
        tagged: world.taggedEndpoints,
        arn: (i) => world.endpointArn(world.endpointName(i)),
        tags: (i) => world.endpointTagList(i),
      });
    if (types.includes('sagemaker:training-job') || types.includes('sagemaker'))
      segments.push({
        tagged: world.taggedJobs,
        arn: (j) => world.jobArn(world.jobName(j)),
        tags: (j) => world.jobTagList(j),
      });
    const total = segments.reduce((n, s) => n + s.tagged.length, 0);
    const at = (p: number) => {
      for (const s of segments) {
        if (p < s.tagged.length) return { s, i: s.tagged[p]! };
        p -= s.tagged.length;
      }
      throw new Error('past the end');
    };
    const matches = (tags: { Key: string; Value: string }[]) =>
      filters.every((f) => tags.some((t) => t.Key === f.Key && (!f.Values?.length || f.Values.includes(t.Value))));
    const query = queryOf(input, 'ResourcesPerPage', 'PaginationToken');
    const list: { ResourceARN: string; Tags: { Key: string; Value: string }[] }[] = [];
    let p = offsetOf(input.PaginationToken, query);
    for (; p < total && list.length < size; p++) {
      const { s, i } = at(p);
      const tags = s.tags(i);
      if (matches(tags)) list.push({ ResourceARN: s.arn(i), Tags: tags });
    }
    return ok({ PaginationToken: p < total ? tokenOf(query, p) : '', ResourceTagMappingList: list });
  }

  // --- AWS Config ------------------------------------------------------------------------------

  function putEvaluations(input: Record<string, unknown>): Answer {
    only(input, 'PutEvaluations', ['Evaluations', 'ResultToken', 'TestMode']);
    const evaluations = (input.Evaluations as Record<string, unknown>[] | undefined) ?? [];
    if (evaluations.length > 100)
      throw invalid(
        `1 validation error detected: Value at 'evaluations' failed to satisfy constraint: Member must have length less than or equal to 100`,
      );
    const run = armed.get(String(input.ResultToken));
    if (!run) throw new AwsError(400, 'InvalidResultTokenException', 'The specified ResultToken is invalid.');
    run.calls++;
    if (input.TestMode === true) run.testMode = true;
    for (const e of evaluations) {
      const key = `${String(e.ComplianceResourceType)}|${String(e.ComplianceResourceId)}`;
      const got = e.ComplianceType as Compliance;
      const want = run.expectation.reported.get(key);
      const wrong = (why: string) => {
        run.wrong++;
        run.bad.add(key);
        if (run.examples.length < 5) run.examples.push(`${key}: ${why}`);
      };
      if (typeof e.OrderingTimestamp !== 'number') wrong('OrderingTimestamp is not a timestamp');
      if (run.received.has(key)) run.duplicates++;
      run.received.set(key, got);
      if (want === undefined) wrong(`${got}, but no verdict was expected for it`);
      else if (got !== want) wrong(`${got}, expected ${want}`);
      else if (e.ComplianceResourceType === ACCOUNT_TYPE && run.expectation.account) {
        const counts = summaryCounts(e.Annotation);
        const { nonCompliant, total } = run.expectation.account;
        if (!counts || counts.nonCompliant !== nonCompliant || counts.total !== total)
          wrong(`annotation "${String(e.Annotation)}", expected ${nonCompliant} of ${total}`);
      }
    }
    return ok({ FailedEvaluations: [] });
  }

  function getComplianceDetailsByConfigRule(input: Record<string, unknown>): Answer {
    only(input, 'GetComplianceDetailsByConfigRule', ['ConfigRuleName', 'ComplianceTypes', 'Limit', 'NextToken']);
    // Limit 0 means Config's default page, 10 (the pack sends 100).
    const size = pageSize(input.Limit, 10, 100, 'limit', 'InvalidLimitException', 0) || 10;
    const known = byRuleName.get(String(input.ConfigRuleName));
    if (!known)
      throw new AwsError(
        400,
        'NoSuchConfigRuleException',
        `The ConfigRule '${String(input.ConfigRuleName)}' provided in the request is invalid.`,
      );
    const types = (input.ComplianceTypes as string[] | undefined) ?? ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];
    // Filtered once per rule and filter, not once per page: at 150,000 results a filter per page
    // cost the fake 35 ms a call, which the run's clean-up read waited for.
    const filterKey = `${String(input.ConfigRuleName)}|${[...types].sort().join(',')}`;
    let previous = filteredPrevious.get(filterKey);
    if (!previous)
      filteredPrevious.set(filterKey, (previous = known.previous.filter((p) => types.includes(p.compliance))));
    const query = queryOf(input, 'Limit', 'NextToken');
    const recorded = world.now / 1000 - 86_400;
    const { items, next } = page(previous.length, offsetOf(input.NextToken, query), size, (p) => {
      const r = previous[p]!;
      return {
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: {
            ConfigRuleName: input.ConfigRuleName,
            ResourceType: r.type,
            ResourceId: r.id,
            EvaluationMode: 'DETECTIVE',
          },
          OrderingTimestamp: recorded,
        },
        ComplianceType: r.compliance,
        ResultRecordedTime: recorded + 2,
        ConfigRuleInvokedTime: recorded,
      };
    });
    return ok({ EvaluationResults: items, ...(next !== undefined ? { NextToken: tokenOf(query, next) } : {}) });
  }

  // `scan` asks whether a recorder records the types: none here, so it uses the SageMaker API.
  const noRecorders = (): Answer => ok({ ConfigurationRecorders: [] });
  const noRecorderStatus = (): Answer => ok({ ConfigurationRecordersStatus: [] });

  const HANDLERS: Record<string, (input: Record<string, unknown>) => Answer> = {
    'SageMaker.ListEndpoints': listEndpoints,
    'SageMaker.DescribeEndpoint': describeEndpoint,
    'SageMaker.ListMonitoringSchedules': listMonitoringSchedules,
    'SageMaker.ListTrainingJobs': listTrainingJobs,
    'SageMaker.DescribeTrainingJob': describeTrainingJob,
    'SageMaker.Search': search,
    'SageMaker.ListTags': listTags,
    'ResourceGroupsTaggingAPI_20170126.GetResources': getResources,
    'StarlingDoveService.PutEvaluations': putEvaluations,
    'StarlingDoveService.GetComplianceDetailsByConfigRule': getComplianceDetailsByConfigRule,
    'StarlingDoveService.DescribeConfigurationRecorders': noRecorders,
    'StarlingDoveService.DescribeConfigurationRecorderStatus': noRecorderStatus,
  };

  function answer(target: string, text: string): Answer {
    if (target === 'sts.GetCallerIdentity') return { status: 200, body: CALLER, contentType: 'text/xml' };
    const handler = HANDLERS[target];
    if (!handler)
      return {
        status: 400,
        body: JSON.stringify({
          __type: 'UnknownOperationException',
          message: `the scale fake does not answer ${target}`,
        }),
      };
    try {
      return handler(text ? JSON.parse(text) : {});
    } catch (error) {
      if (error instanceof AwsError)
        return { status: error.status, body: JSON.stringify({ __type: error.type, message: error.message }) };
      return { status: 500, body: JSON.stringify({ __type: 'InternalFailure', message: String(error) }) };
    }
  }

  // Lambda's Invoke (REST JSON: the function in the path), as a chained run calls it: queued for
  // the benchmark to run as the next link. One call a link; Lambda's own rates are not modelled.
  const invocations: { functionName: string; payload: string }[] = [];
  function invoke(req: IncomingMessage, res: ServerResponse, text: string) {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '');
    counter('Invoke').calls++;
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (!match || req.headers['x-amz-invocation-type'] !== 'Event')
      return send(400, '{"Type":"User","message":"the scale fake takes asynchronous Invoke calls only"}');
    invocations.push({ functionName: decodeURIComponent(match[1]!), payload: text });
    setTimeout(() => send(202, ''), latency);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      if (req.url?.startsWith('/2015-03-31/functions/')) return invoke(req, res, text);
      const header = req.headers['x-amz-target'];
      // STS speaks the query protocol: the operation is the form's Action.
      const target = header ? String(header) : `sts.${new URLSearchParams(text).get('Action') ?? ''}`;
      const operation = target.slice(target.indexOf('.') + 1);
      const count = counter(operation);
      count.calls++;
      let out: Answer;
      if (!admit(operation)) {
        count.throttled++;
        out = { status: 400, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' };
      } else if (faults(operation)) {
        count.faulted++;
        out = {
          status: 500,
          body: '{"__type":"InternalFailure","message":"We encountered an internal error. Please try again."}',
        };
      } else {
        out = answer(target, text);
      }
      const send = () => {
        res.writeHead(out.status, {
          'content-type': out.contentType ?? JSON_11,
          'content-length': Buffer.byteLength(out.body),
          'x-amzn-requestid': `scale-${count.calls}`,
        });
        res.end(out.body);
      };
      if (latency > 0) setTimeout(send, latency);
      else send();
    });
  });
  // The SDK keeps connections open between calls; so does a regional endpoint.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    world,
    counters,
    takeInvocation: () => invocations.shift(),
    reset() {
      invocations.length = 0;
      counters.clear();
      buckets.clear();
      passed.clear();
    },
    arm({ token, ruleName, rule }) {
      const e = expectation(rule);
      byRuleName.set(ruleName, e);
      for (const key of filteredPrevious.keys()) if (key.startsWith(`${ruleName}|`)) filteredPrevious.delete(key);
      armed.set(token, {
        rule,
        expectation: e,
        received: new Map(),
        calls: 0,
        wrong: 0,
        bad: new Set(),
        duplicates: 0,
        testMode: false,
        examples: [],
      });
    },
    grade(token) {
      const run = armed.get(token);
      if (!run) throw new Error('grade: no run was armed with that token');
      let right = 0;
      let found = 0;
      for (const [key, want] of run.expectation.reported) {
        const got = run.received.get(key);
        if (got === undefined) continue;
        found++;
        if (got === want && !run.bad.has(key)) right++;
      }
      return {
        rule: run.rule,
        putEvaluationsCalls: run.calls,
        received: run.received.size,
        expected: run.expectation.reported.size,
        right,
        wrong: run.wrong,
        missing: run.expectation.reported.size - found,
        duplicates: run.duplicates,
        testMode: run.testMode,
        examples: run.examples,
      };
    },
    expectation,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Verdicts a scan printed ({ComplianceResourceType, ComplianceResourceId, ComplianceType}) against the rule's. */
export function gradeVerdicts(
  expectation: Expectation,
  printed: readonly { ComplianceResourceType?: string; ComplianceResourceId?: string; ComplianceType?: string }[],
): Omit<Grade, 'putEvaluationsCalls' | 'testMode'> {
  const seen = new Map<string, string>();
  let wrong = 0;
  let duplicates = 0;
  const examples: string[] = [];
  for (const p of printed) {
    const key = `${p.ComplianceResourceType}|${p.ComplianceResourceId}`;
    if (seen.has(key)) duplicates++;
    seen.set(key, String(p.ComplianceType));
    const want = expectation.perResource.get(key);
    if (want !== p.ComplianceType) {
      wrong++;
      if (examples.length < 5) examples.push(`${key}: ${p.ComplianceType}, expected ${want ?? 'none'}`);
    }
  }
  let right = 0;
  let found = 0;
  for (const [key, want] of expectation.perResource) {
    const got = seen.get(key);
    if (got === undefined) continue;
    found++;
    if (got === want) right++;
  }
  return {
    rule: expectation.rule,
    received: seen.size,
    expected: expectation.perResource.size,
    right,
    wrong,
    missing: expectation.perResource.size - found,
    duplicates,
    examples,
  };
}
