// Suppressions: an accepted exception to one rule for one resource (or an ARN pattern), with the
// reason it was accepted and, optionally, the day it lapses. A suppression never hides a result:
// the rule's evaluate still gives its verdict, and a NON_COMPLIANT one is turned here, visibly,
// into NOT_APPLICABLE with an annotation naming the reason (what AWS Config records), keeping the
// verdict it replaced in `suppressed` (what the command shows as SUPPRESSED).
// Only NON_COMPLIANT is suppressed: COMPLIANT and NOT_APPLICABLE stand as they are.
import { SuppressionError } from './errors.js';
import { truncateAnnotation, type Evaluation } from './evaluations.js';
import type { ConfigItem } from './items.js';

export interface Suppression {
  /** The rule id. */
  id: string;
  /** A resource id or ARN; `*` matches any run of characters. Absent in a template (the resource is the one it sits on). */
  resource?: string;
  reason: string;
  /** YYYY-MM-DD: the last day the suppression holds. */
  expires?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Has the suppression lapsed on `now` (it holds through its expiry day, UTC)? */
export const lapsed = (s: Suppression, now: Date): boolean =>
  s.expires !== undefined && now.toISOString().slice(0, 10) > s.expires;

/**
 * A list of suppressions, each checked: a rule id, a non-empty reason, an expiry that is a real
 * day and not past. `origin` names where the list came from in each message; `withResource` says
 * whether each entry names its resource (a file, the stack) or sits on one (a template).
 */
export function parseSuppressions(
  value: unknown,
  origin: string,
  options: { now: Date; withResource: boolean; ruleIds: readonly string[]; hint?: (id: string) => string },
): Suppression[] {
  if (!Array.isArray(value)) throw new SuppressionError(`${origin}: must be a list of {id, reason} entries`);
  return value.map((entry, i) => {
    const where = `${origin}[${i}]`;
    if (!isMap(entry)) throw new SuppressionError(`${where}: must be a map with id and reason`);
    const { id, resource, reason, expires, ...rest } = entry;
    const unknown = Object.keys(rest);
    if (unknown.length > 0)
      throw new SuppressionError(`${where}: unknown key ${unknown[0]} (id, resource, reason, expires)`);
    if (typeof id !== 'string' || !options.ruleIds.includes(id))
      throw new SuppressionError(
        `${where}: unknown rule id ${JSON.stringify(id)}${typeof id === 'string' && options.hint ? ` (${options.hint(id)})` : ''}`,
      );
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new SuppressionError(`${where}: suppression of ${id} has no reason: say why the exception is accepted`);
    if (options.withResource && (typeof resource !== 'string' || resource.trim() === ''))
      throw new SuppressionError(`${where}: suppression of ${id} names no resource (a resource id or ARN pattern)`);
    if (!options.withResource && resource !== undefined)
      throw new SuppressionError(`${where}: a suppression on a resource names no other resource`);
    // YAML reads an unquoted 2027-03-31 as a date.
    const day = expires instanceof Date ? expires.toISOString().slice(0, 10) : expires;
    if (day !== undefined && (typeof day !== 'string' || !DAY.test(day) || Number.isNaN(Date.parse(day))))
      throw new SuppressionError(`${where}: expires must be a day, YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    const suppression: Suppression = {
      id,
      reason: reason.trim(),
      ...(typeof resource === 'string' ? { resource } : {}),
      ...(day !== undefined ? { expires: day } : {}),
    };
    if (lapsed(suppression, options.now))
      throw new SuppressionError(
        `${where}: suppression of ${id} expired on ${day}: renew it with a reason, or remove it`,
      );
    return suppression;
  });
}

/** The Lambda variable the deploy sets to this rule's suppressions (the stack key `suppressions`), as JSON. */
export const SUPPRESSIONS_ENV = 'ML_CONFIG_RULES_SUPPRESSIONS';

/**
 * A rule function's suppressions, from its environment. The deploy refused lapsed ones; one that
 * lapses later stops applying (the verdict shows again) and is named in the log, never kept.
 */
export function suppressionsFromEnv(
  ruleId: string,
  env: Record<string, string | undefined>,
  now: Date,
  onLapsed: (s: Suppression) => void,
): Suppression[] {
  const text = env[SUPPRESSIONS_ENV];
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SuppressionError(`${SUPPRESSIONS_ENV} is not valid JSON`);
  }
  const all = parseSuppressions(value, SUPPRESSIONS_ENV, { now: new Date(0), withResource: true, ruleIds: [ruleId] });
  for (const s of all.filter((s) => lapsed(s, now))) onLapsed(s);
  return all.filter((s) => !lapsed(s, now));
}

const patternCache = new Map<string, RegExp>();
function patternOf(glob: string): RegExp {
  let re = patternCache.get(glob);
  if (!re) {
    re = new RegExp(
      `^${glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    patternCache.set(glob, re);
  }
  return re;
}

/** The suppression of this rule that covers the item (by resource id or ARN), if any. */
export function suppressionFor(
  suppressions: readonly Suppression[],
  ruleId: string,
  item: Pick<ConfigItem, 'resourceId' | 'arn'>,
): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.id === ruleId &&
      (s.resource === undefined ||
        patternOf(s.resource).test(item.resourceId) ||
        (item.arn !== undefined && patternOf(s.resource).test(item.arn))),
  );
}

/** The visible transformation: NON_COMPLIANT → NOT_APPLICABLE naming the reason, the verdict kept. */
export function suppress(evaluation: Evaluation, suppression: Suppression): Evaluation {
  if (evaluation.ComplianceType !== 'NON_COMPLIANT') return evaluation;
  const was = evaluation.Annotation ? `NON_COMPLIANT: ${evaluation.Annotation}` : 'NON_COMPLIANT';
  return {
    ...evaluation,
    ComplianceType: 'NOT_APPLICABLE',
    Annotation: truncateAnnotation(`suppressed: ${suppression.reason} (was ${was})`),
    suppressed: {
      ComplianceType: 'NON_COMPLIANT',
      ...(evaluation.Annotation ? { Annotation: evaluation.Annotation } : {}),
      reason: suppression.reason,
      ...(suppression.expires ? { expires: suppression.expires } : {}),
    },
  };
}
