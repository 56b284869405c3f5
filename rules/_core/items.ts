// One configuration-item shape for every rule. Config hands items over in two forms:
//  - event form (inside `invokingEvent`): `awsAccountId`, `ARN`, `configuration` as an object;
//  - API form (GetResourceConfigHistory / BatchGetResourceConfig): `accountId`, `arn`,
//    `configuration` and each supplementary value as JSON strings, dates as Date objects.
// Inventory adapters produce the event form. `normaliseItem` accepts all of them.
import type { Loose } from './loose.js';
import { assertDepth } from './depth.js';
import { InvalidEventError } from './errors.js';

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

function tagsOf(raw: JsonObject, configuration: JsonObject, supplementary: JsonObject): Record<string, string> {
  if (raw.tags && typeof raw.tags === 'object' && !Array.isArray(raw.tags)) {
    // Usually already a map of strings: keep it rather than copy it (this runs on every event).
    let allStrings = true;
    for (const k in raw.tags) if (typeof raw.tags[k] !== 'string') allStrings = false;
    if (allStrings) return raw.tags;
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.tags)) tags[k] = v == null ? '' : String(v);
    return tags;
  }
  // BatchGetResourceConfig returns no `tags`; fall back to what the configuration itself holds.
  const list = Array.isArray(raw.tags) ? raw.tags : Array.isArray(configuration.Tags) ? configuration.Tags : undefined;
  if (list) {
    const tags: Record<string, string> = {};
    for (const t of list) if (t && typeof t.Key === 'string') tags[t.Key] = t.Value == null ? '' : String(t.Value);
    return tags;
  }
  const s3Tags = supplementary.BucketTaggingConfiguration?.tagSets?.[0]?.tags;
  if (s3Tags && typeof s3Tags === 'object') return { ...s3Tags };
  return {};
}

/**
 * Supplementary values: objects in events, JSON strings from the API (and `AccessControlList`,
 * a JSON string even in events). Copied only when one needs decoding.
 */
function supplementaryOf(raw: unknown): JsonObject {
  if (!raw || typeof raw !== 'object') return {};
  const source = raw as JsonObject;
  let out: JsonObject | undefined;
  for (const k in source) {
    const v = source[k];
    if (typeof v !== 'string' || !looksLikeJson(v)) continue;
    out ??= { ...source };
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
  const captured = toIsoTime(r.configurationItemCaptureTime, 'configurationItemCaptureTime');
  if (captured) item.configurationItemCaptureTime = captured;
  return item;
}

/** Does this object look like a configuration item (rather than an event or an API response)? */
export function looksLikeItem(value: JsonObject): boolean {
  return typeof value.resourceType === 'string' && typeof value.resourceId === 'string';
}

/** One key per resource for maps and sets: its type and id, joined by a character neither contains. */
export const resourceKey = (resourceType: string, resourceId: string): string => `${resourceType}\u0000${resourceId}`;
