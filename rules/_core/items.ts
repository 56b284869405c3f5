// One configuration-item shape for every rule. Config hands items over in two forms:
//  - event form (inside `invokingEvent`): `awsAccountId`, `ARN`, `configuration` as an object;
//  - API form (GetResourceConfigHistory / BatchGetResourceConfig): `accountId`, `arn`,
//    `configuration` and each supplementary value as JSON strings, dates as Date objects.
// Inventory adapters produce the event form. `normaliseItem` accepts all of them.
// Items are checked against Config's own limits here, before applicability reads their tags:
// what Config would never send is refused (InvalidConfigurationError naming the field), never judged.
import type { Loose } from './loose.js';
import { assertDepth } from './depth.js';
import { InvalidConfigurationError, InvalidEventError } from './errors.js';
import { dictionary } from './own.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Loose };

export interface ConfigItem {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  awsAccountId?: string;
  awsRegion?: string;
  /** OK | ResourceDiscovered | ResourceNotRecorded | ResourceDeleted | ResourceDeletedNotRecorded */
  configurationItemStatus: string;
  /** ISO-8601; absent only on items that were never captured by Config. */
  configurationItemCaptureTime?: string;
  tags: Record<string, string>;
  /**
   * PascalCase keys for SageMaker (CloudFormation style), camelCase for S3. An object once the
   * engine has validated the item (rules/_core/schemas); before that, whatever the input held.
   */
  configuration: JsonObject;
  supplementaryConfiguration: JsonObject;
}

const STATUSES = new Set([
  'OK',
  'ResourceDiscovered',
  'ResourceNotRecorded',
  'ResourceDeleted',
  'ResourceDeletedNotRecorded',
]);

// Config's own timestamps are already in this form: keep them as they are (the hot path).
const ISO_MS_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A Date, an ISO string or epoch milliseconds as milliseconds; undefined for anything else. */
export function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') {
    const t = new Date(value).getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

export function toIsoTime(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && ISO_MS_Z.test(value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') {
    // The AWS CLI prints epoch seconds (with fractions); JavaScript callers use milliseconds.
    const date = new Date(value < 1e11 ? value * 1000 : value);
    if (Number.isNaN(date.getTime())) {
      throw new InvalidEventError(`${field} is not a date: ${JSON.stringify(value)} is out of range`);
    }
    return date.toISOString();
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  throw new InvalidEventError(`${field} is not a date: ${JSON.stringify(value)}`);
}

// Config's limits on an item, from the API reference:
// https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationItem.html (resourceId
// 1-768 characters, resourceType a ResourceType, tags a map of strings, supplementaryConfiguration
// a map of strings in the API form) and
// https://docs.aws.amazon.com/config/latest/APIReference/API_Evaluation.html (ComplianceResourceId
// 1-768, ComplianceResourceType 1-256).
export const MAX_RESOURCE_ID = 768;
export const MAX_RESOURCE_TYPE = 256;
/** AWS Config did not exist before 2006 (AWS itself opened that year): an earlier capture time is not Config's. */
export const EARLIEST_CAPTURE = Date.UTC(2006, 0, 1);
/** Clock skew allowed between Config and the evaluator; a capture time further ahead is not Config's. */
export const CAPTURE_SKEW_MS = 15 * 60 * 1000;

/** Throws InvalidConfigurationError when a resource type or id is longer than Config allows. */
export function checkResourceKey(resourceType: string, resourceId: string): void {
  if (resourceId.length > MAX_RESOURCE_ID)
    throw new InvalidConfigurationError(
      `resourceId is ${resourceId.length} characters long; Config allows at most ${MAX_RESOURCE_ID}`,
    );
  if (resourceType.length > MAX_RESOURCE_TYPE)
    throw new InvalidConfigurationError(
      `resourceType is ${resourceType.length} characters long; Config allows at most ${MAX_RESOURCE_TYPE}`,
    );
}

/** A capture time as Config gives one: a date, not before 2006, not after now plus a small skew. */
export function captureTime(value: unknown, field: string, now = Date.now()): string | undefined {
  const iso = toIsoTime(value, field);
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  if (ms < EARLIEST_CAPTURE || ms > now + CAPTURE_SKEW_MS) {
    throw new InvalidConfigurationError(
      `${field} ${iso} is outside the range Config records (2006 to now plus ${CAPTURE_SKEW_MS / 60000} minutes)`,
    );
  }
  return iso;
}

function parseJsonField(value: unknown, field: string): unknown {
  if (typeof value !== 'string') return value;
  // Only JSON objects and arrays are decoded; scan past leading white space without copying.
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 32) i++;
  const first = value[i];
  // The API sends an unset supplementary value as the JSON text "null".
  if (value === 'null') return null;
  if (first !== '{' && first !== '[') return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidEventError(`${field} is a string that is not valid JSON`);
  }
  assertDepth(parsed, field);
  return parsed;
}

/** A tag value as Config keeps it: a string (a `{Key, Value}` entry without a value is empty). */
function tagValue(value: unknown, field: string, absentIsEmpty: boolean): string {
  if (typeof value === 'string') return value;
  if (absentIsEmpty && (value === undefined || value === null)) return '';
  const got =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'an object'
          : `${typeof value} ${String(value)}`;
  throw new InvalidConfigurationError(`${field} must be a string, got ${got}`);
}

/** Tags, in a map without a prototype (tag keys are anyone's text: see own.ts). */
function tagsOf(raw: JsonObject, configuration: JsonObject, supplementary: JsonObject): Record<string, string> {
  const tags = dictionary<string>();
  if (raw.tags && typeof raw.tags === 'object' && !Array.isArray(raw.tags)) {
    for (const [k, v] of Object.entries(raw.tags)) tags[k] = tagValue(v, `tags.${k}`, false);
    return tags;
  }
  // BatchGetResourceConfig returns no `tags`; fall back to what the configuration itself holds.
  const list = Array.isArray(raw.tags) ? raw.tags : Array.isArray(configuration.Tags) ? configuration.Tags : undefined;
  if (list) {
    for (const t of list) if (t && typeof t.Key === 'string') tags[t.Key] = tagValue(t.Value, `tags.${t.Key}`, true);
    return tags;
  }
  const s3Tags = supplementary.BucketTaggingConfiguration?.tagSets?.[0]?.tags;
  if (s3Tags && typeof s3Tags === 'object') {
    for (const [k, v] of Object.entries(s3Tags)) tags[k] = tagValue(v, `tags.${k}`, false);
  }
  return tags;
}

/**
 * Supplementary values: objects in events, JSON strings from the API (and `AccessControlList`,
 * a JSON string even in events). Copied only when one needs decoding.
 */
function supplementaryOf(raw: unknown): JsonObject {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidConfigurationError(
      `supplementaryConfiguration must be an object of named values, got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
    );
  }
  const source = raw as JsonObject;
  let out: JsonObject | undefined;
  for (const k of Object.keys(source)) {
    const v = source[k];
    if (typeof v !== 'string' || !looksLikeJson(v)) continue;
    // A copy without a prototype: a key `__proto__` is stored, not taken for the prototype.
    out ??= Object.assign(dictionary<Loose>(), source);
    out[k] = parseJsonField(v, `supplementaryConfiguration.${k}`);
  }
  return out ?? source;
}

function looksLikeJson(value: string): boolean {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 32) i++;
  const first = value[i];
  return first === '{' || first === '[' || value === 'null';
}

/** Normalise an event-form, API-form or inventory item. Throws InvalidEventError naming the bad field. */
export function normaliseItem(raw: unknown): ConfigItem {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidEventError('a configuration item must be a JSON object');
  }
  const r = raw as JsonObject;
  if (typeof r.resourceType !== 'string' || !r.resourceType)
    throw new InvalidEventError('configuration item has no resourceType');
  if (typeof r.resourceId !== 'string' || !r.resourceId)
    throw new InvalidEventError('configuration item has no resourceId');
  checkResourceKey(r.resourceType, r.resourceId);
  const status = r.configurationItemStatus ?? 'OK';
  if (!STATUSES.has(status)) {
    throw new InvalidEventError(
      `configurationItemStatus ${JSON.stringify(status)} is not one of ${[...STATUSES].join(', ')}`,
    );
  }
  const configuration = parseJsonField(r.configuration === undefined ? {} : r.configuration, 'configuration');
  const isObject = configuration !== null && typeof configuration === 'object' && !Array.isArray(configuration);
  // Deleted items carry `configuration: null`. Any other configuration that is not an object is
  // kept as it came: the engine refuses it before a rule sees it (rules/_core/schemas).
  const evaluated = status === 'OK' || status === 'ResourceDiscovered';
  const conf = (isObject ? configuration : configuration === null && !evaluated ? {} : configuration) as JsonObject;
  const supplementary = supplementaryOf(r.supplementaryConfiguration);
  const item: ConfigItem = {
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    configurationItemStatus: status,
    tags: tagsOf(r, isObject ? (configuration as JsonObject) : {}, supplementary),
    configuration: conf,
    supplementaryConfiguration: supplementary,
  };
  const name = r.resourceName;
  if (typeof name === 'string' && name) item.resourceName = name;
  const arn = r.ARN ?? r.arn;
  if (typeof arn === 'string' && arn) item.arn = arn;
  const account = r.awsAccountId ?? r.accountId;
  if (account !== undefined && account !== null) item.awsAccountId = String(account);
  if (typeof r.awsRegion === 'string') item.awsRegion = r.awsRegion;
  const captured = captureTime(r.configurationItemCaptureTime, 'configurationItemCaptureTime');
  if (captured) item.configurationItemCaptureTime = captured;
  return item;
}

/** Does this object look like a configuration item (rather than an event or an API response)? */
export function looksLikeItem(value: JsonObject): boolean {
  return typeof value.resourceType === 'string' && typeof value.resourceId === 'string';
}

/** One key per resource for maps and sets: its type and id, joined by a character neither contains. */
export const resourceKey = (resourceType: string, resourceId: string): string => `${resourceType}\u0000${resourceId}`;
