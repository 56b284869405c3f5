// Event → items → verdicts → evaluations. Pure apart from `Sources`, which is how the engine
// reaches AWS Config and the inventory (real clients in Lambda, fixture files locally).
import { notApplicableReason, outOfTagScope } from './applicability.js';
import { InvalidEventError, LookupError, UnsupportedEventError } from './errors.js';
import type { ParsedEvent } from './event.js';
import { checkVerdict, toEvaluation, type Evaluation } from './evaluations.js';
import { resourceKey, type ConfigItem } from './items.js';
import { parseParams, type CommonParams, type RawParams } from './params.js';
import type { Lookup, LookupKey, Rule } from './rule.js';
import { validateItem } from './schemas/index.js';
import { suppress, suppressionFor, type Suppression } from './suppressions.js';
import { awsTypeOf } from '../_tracking/names.js';
import { append } from './arrays.js';
import type { ResumePoint } from './continuation.js';

export interface Sources {
  /** Oversized change: the item as Config recorded it at that capture time (GetResourceConfigHistory). */
  getItem(resourceType: string, resourceId: string, laterTime: string): Promise<ConfigItem | undefined>;
  /** Scheduled run: every current item of the rule's resource types (absent where no run is scheduled). */
  listItems?(rule: Rule, params: Record<string, unknown>, accountId: string | undefined): Promise<ConfigItem[]>;
  /**
   * The same items page by page, where the source can give them so: a scheduled run then
   * evaluates and reports each page as it arrives and never holds the whole listing.
   */
  listPages?(
    rule: Rule,
    params: Record<string, unknown>,
    accountId: string | undefined,
    resume?: ResumePoint,
  ): AsyncIterable<ConfigItem[]>;
  /**
   * Where a chained link would take the listing up after the last page given (continuation.ts);
   * undefined where the listing cannot be taken up there.
   */
  resumePoint?(): ResumePoint | undefined;
  /** Items a rule's `lookups` asked for (BatchGetResourceConfig); unknown ones are left out. */
  batchGet(keys: LookupKey[]): Promise<ConfigItem[]>;
  /** Resources a periodic rule reported COMPLIANT or NON_COMPLIANT before (for the clean-up). */
  previouslyReported?(configRuleName: string): Promise<LookupKey[]>;
}

export interface EventResult {
  evaluations: Evaluation[];
  /** Why nothing was evaluated, for the log (snapshot delivery). */
  note?: string;
}

type Params = Record<string, unknown> & CommonParams;
const NO_SUPPRESSIONS: readonly Suppression[] = Object.freeze([]);
/** An oversized change's summary has no tags: only its status and scope decide before the fetch. */
const NO_SCOPE: CommonParams = Object.freeze({ scopeTagKey: undefined, scopeTagValue: undefined });
const paramCache = new WeakMap<Rule, Map<string, Params>>();
const paramsByObject = new WeakMap<RawParams, WeakMap<Rule, Params>>();

/** Validate a rule's parameters; memoised per distinct parameter set, since events repeat them. */
export function paramsFor(rule: Rule, raw: RawParams): Params {
  // Events carry the same (shared, frozen) parameter object each time: look it up by identity first.
  const known = paramsByObject.get(raw)?.get(rule);
  if (known) return known;
  let cache = paramCache.get(rule);
  if (!cache) paramCache.set(rule, (cache = new Map()));
  const key = JSON.stringify(raw);
  let params = cache.get(key);
  if (!params) {
    params = parseParams(rule.id, rule.parameters, raw) as Params;
    if (cache.size > 100) cache.clear();
    cache.set(key, params);
  }
  if (Object.isFrozen(raw)) {
    let byRule = paramsByObject.get(raw);
    if (!byRule) paramsByObject.set(raw, (byRule = new WeakMap()));
    byRule.set(rule, params);
  }
  return params;
}

async function lookupFor(
  rule: Rule,
  lookups: NonNullable<Rule['lookups']>,
  item: ConfigItem,
  params: Params,
  sources: Sources,
): Promise<Lookup> {
  const keys = lookups(item, params) ?? [];
  if (keys.length === 0) return noLookup(rule);
  const found = await sources.batchGet(keys);
  const byKey = new Map(found.map((i) => [resourceKey(i.resourceType, i.resourceId), i]));
  return (type, id) => {
    if (!keys.some((k) => k.resourceType === type && k.resourceId === id)) {
      throw new LookupError(`rule ${rule.id} looked up ${type} ${id} without declaring it in lookups()`);
    }
    return byKey.get(resourceKey(type, id));
  };
}

const noLookups = new WeakMap<Rule, Lookup>();
function noLookup(rule: Rule): Lookup {
  let lookup = noLookups.get(rule);
  if (!lookup) {
    lookup = (type, id) => {
      throw new LookupError(`rule ${rule.id} looked up ${type} ${id} without declaring it in lookups()`);
    };
    noLookups.set(rule, lookup);
  }
  return lookup;
}

/**
 * One item, one evaluation: applicability first, then the rule's own verdict, then an accepted
 * exception, if one covers it: the only place a suppression changes an evaluation.
 */
export function evaluateItem(
  rule: Rule,
  item: ConfigItem,
  params: Params,
  orderingTimestamp: string,
  lookup: Lookup,
  eventLeftScope = false,
  suppressions: readonly Suppression[] = NO_SUPPRESSIONS,
): Evaluation {
  const reason = notApplicableReason(rule, item, params, eventLeftScope);
  if (reason !== undefined)
    return toEvaluation(item, { complianceType: 'NOT_APPLICABLE', annotation: reason }, orderingTimestamp);
  // A malformed item fails here, with the field named, rather than becoming a verdict.
  validateItem(item);
  const verdict = checkVerdict(rule.id, rule.evaluate(item, params, { lookup }));
  const evaluation = toEvaluation(item, verdict, orderingTimestamp);
  const suppression = suppressionFor(suppressions, rule.id, item);
  return suppression ? suppress(evaluation, suppression) : evaluation;
}

async function evaluateOne(
  rule: Rule,
  item: ConfigItem,
  params: Params,
  ts: string,
  sources: Sources,
  leftScope: boolean,
  suppressions: readonly Suppression[],
): Promise<Evaluation> {
  // Most rules look nothing up: no second applicability pass, no extra promise.
  const lookups = rule.lookups;
  if (!lookups) return evaluateItem(rule, item, params, ts, noLookup(rule), leftScope, suppressions);
  const applicable = notApplicableReason(rule, item, params, leftScope) === undefined;
  if (applicable) validateItem(item);
  const lookup = applicable ? await lookupFor(rule, lookups, item, params, sources) : noLookup(rule);
  return evaluateItem(rule, item, params, ts, lookup, leftScope, suppressions);
}

export interface EvaluateOptions {
  /** A chained link's position in the listing (continuation.ts). */
  resume?: ResumePoint;
  /** Merged over the event's ruleParameters (the CLI's --params). */
  paramOverrides?: RawParams;
  /** Capture time to use for an item that has none (an inventory item evaluated on its own). */
  now?: () => Date;
  /** Accepted exceptions (already checked: reasons given, none lapsed). */
  suppressions?: readonly Suppression[];
}

export async function evaluateEvent(
  rule: Rule,
  event: ParsedEvent,
  sources: Sources,
  options: EvaluateOptions = {},
): Promise<EventResult> {
  const raw = options.paramOverrides ? { ...event.ruleParameters, ...options.paramOverrides } : event.ruleParameters;
  const params = paramsFor(rule, raw);
  const now = options.now ?? (() => new Date());
  const suppressions = options.suppressions ?? NO_SUPPRESSIONS;
  switch (event.kind) {
    case 'snapshot':
      return { evaluations: [], note: 'ConfigurationSnapshotDeliveryCompleted: nothing to evaluate' };
    case 'change': {
      const ts = event.item.configurationItemCaptureTime ?? now().toISOString();
      const evaluation = rule.lookups
        ? await evaluateOne(rule, event.item, params, ts, sources, event.eventLeftScope, suppressions)
        : evaluateItem(rule, event.item, params, ts, noLookup(rule), event.eventLeftScope, suppressions);
      return { evaluations: [evaluation] };
    }
    case 'oversized': {
      const s = event.summary;
      const ts = s.configurationItemCaptureTime;
      // A deleted resource or one that left scope needs no fetch: it is NOT_APPLICABLE either way.
      const stub: ConfigItem = { ...s, tags: {}, configuration: {}, supplementaryConfiguration: {} };
      if (notApplicableReason(rule, stub, NO_SCOPE, event.eventLeftScope) !== undefined) {
        return { evaluations: [evaluateItem(rule, stub, params, ts, noLookup(rule), event.eventLeftScope)] };
      }
      const item = await sources.getItem(s.resourceType, s.resourceId, ts);
      if (!item) {
        throw new InvalidEventError(
          `GetResourceConfigHistory has no item for ${s.resourceType} ${s.resourceId} at ${ts}`,
        );
      }
      return { evaluations: [await evaluateOne(rule, item, params, ts, sources, false, suppressions)] };
    }
    case 'scheduled': {
      const evaluations: Evaluation[] = [];
      for await (const page of scheduledEvaluations(rule, event, sources, options)) append(evaluations, page);
      return { evaluations };
    }
  }
}

/**
 * A scheduled run's evaluations, page by page as the source lists them: each page is evaluated
 * and handed on before the next is read, so a run holds one page of items at a time.
 */
export async function* scheduledEvaluations(
  rule: Rule,
  event: ParsedEvent & { kind: 'scheduled' },
  sources: Sources,
  options: EvaluateOptions = {},
): AsyncGenerator<Evaluation[]> {
  const raw = options.paramOverrides ? { ...event.ruleParameters, ...options.paramOverrides } : event.ruleParameters;
  const params = paramsFor(rule, raw);
  const suppressions = options.suppressions ?? NO_SUPPRESSIONS;
  const ts = event.notificationCreationTime;
  const pages = sources.listPages
    ? sources.listPages(rule, params, event.accountId, options.resume)
    : sources.listItems
      ? onePage(sources.listItems(rule, params, event.accountId))
      : undefined;
  if (options.resume && !sources.listPages)
    throw new UnsupportedEventError(`rule ${rule.id}: this source cannot list from a chained link's position`);
  if (!pages)
    throw new UnsupportedEventError(
      `rule ${rule.id} has no scheduled run here: a ScheduledNotification cannot be evaluated without a listing of its resources`,
    );
  for await (const items of pages) {
    const evaluations: Evaluation[] = [];
    for (const item of items) {
      // Out-of-scope resources are not reported on every run: Config bills each evaluation.
      if (!rule.resourceTypes.includes(awsTypeOf(item.resourceType)) || outOfTagScope(item, params) !== undefined)
        continue;
      if (item.configurationItemStatus !== 'OK' && item.configurationItemStatus !== 'ResourceDiscovered') continue;
      evaluations.push(await evaluateOne(rule, item, params, ts, sources, false, suppressions));
    }
    // The clean-up of resources reported before and gone now depends on the form the evaluations
    // are reported in (per resource or per account), so it happens when reporting: see reporting.ts.
    yield evaluations;
  }
}

async function* onePage(items: Promise<ConfigItem[]>): AsyncGenerator<ConfigItem[]> {
  yield await items;
}
