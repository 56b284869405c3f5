// Rule parameters: Config passes `InputParameters` as a map of strings (lists comma-separated,
// booleans `true`/`false`, numbers decimal). Each rule declares its parameters with these
// builders; the runtime validates them once per distinct parameter set, so an unknown name or
// a malformed value fails loudly with the expected form and never becomes a verdict.
// Valibot: each function is its own module, so a Lambda bundle holds only those used.
import * as v from 'valibot';
import { assertDepth } from './depth.js';
import { InvalidParametersError } from './errors.js';

export interface ParamSpec<T = unknown> {
  kind: 'list' | 'int' | 'bool' | 'enum' | 'string';
  description: string;
  /** The expected form, as error messages and the README show it. */
  form: string;
  /** The default as Config would carry it (a string), when there is one. */
  default?: string;
  schema: v.GenericSchema<string, T>;
}

export type ParamSchema = Record<string, ParamSpec>;
export type ParamsOf<S extends ParamSchema> = { [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never };

const splitCsv = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

function list(opts: {
  description: string;
  form?: string;
  item?: RegExp;
  default?: string;
}): ParamSpec<string[] | undefined> {
  const items = v.pipe(v.array(opts.item ? v.pipe(v.string(), v.regex(opts.item)) : v.string()), v.minLength(1));
  return {
    kind: 'list',
    description: opts.description,
    form: opts.form ?? 'a comma-separated list',
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    schema: v.pipe(v.string(), v.transform(splitCsv), items),
  };
}

// A KMS key as Config rules take it: key ARN, key id, alias ARN or alias name.
const KMS_KEY =
  /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_+=.@-]+|[0-9a-fA-F-]{36}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/;

function kmsKeyList(description: string): ParamSpec<string[] | undefined> {
  return list({ description, form: 'comma-separated KMS key ARNs, key ids or alias ARNs', item: KMS_KEY });
}

function int(opts: { description: string; default: number; min: number; max: number }): ParamSpec<number> {
  return {
    kind: 'int',
    description: opts.description,
    form: `a whole number from ${opts.min} to ${opts.max}`,
    default: String(opts.default),
    schema: v.pipe(
      v.string(),
      v.regex(/^-?\d+$/),
      v.transform(Number),
      v.safeInteger(),
      v.minValue(opts.min),
      v.maxValue(opts.max),
    ),
  };
}

function bool(opts: { description: string; default: boolean }): ParamSpec<boolean> {
  return {
    kind: 'bool',
    description: opts.description,
    form: '`true` or `false`',
    default: String(opts.default),
    schema: v.pipe(
      v.picklist(['true', 'false']),
      v.transform((text) => text === 'true'),
    ) as v.GenericSchema<string, boolean>,
  };
}

function oneOf<const V extends readonly [string, ...string[]]>(opts: {
  description: string;
  values: V;
}): ParamSpec<V[number] | undefined> {
  return {
    kind: 'enum',
    description: opts.description,
    form: `one of ${opts.values.join(', ')}`,
    schema: v.picklist(opts.values) as unknown as v.GenericSchema<string, V[number]>,
  };
}

function string(opts: { description: string; form?: string; pattern?: RegExp }): ParamSpec<string | undefined> {
  return {
    kind: 'string',
    description: opts.description,
    form: opts.form ?? 'a non-empty string',
    schema: opts.pattern ? v.pipe(v.string(), v.regex(opts.pattern)) : v.pipe(v.string(), v.minLength(1)),
  };
}

/** Days an inventory adapter looks back when listing jobs; bounds the listing, never a verdict. */
export const DEFAULT_LOOKBACK_DAYS = 30;

function lookbackDays(): ParamSpec<number> {
  return int({
    description: 'List jobs created in this many days (never changes a verdict).',
    default: DEFAULT_LOOKBACK_DAYS,
    min: 1,
    max: 3650,
  });
}

export const param = { list, kmsKeyList, int, bool, oneOf, string, lookbackDays };

/** Every rule takes these: they point a rule at one pipeline's resources by tag. */
export const commonParameters = {
  scopeTagKey: string({
    description: 'Only resources carrying this tag key are evaluated; others are NOT_APPLICABLE.',
    form: 'a tag key',
  }),
  scopeTagValue: string({
    description: 'With scopeTagKey: only resources whose tag has this value.',
    form: 'a tag value',
  }),
};
export type CommonParams = ParamsOf<typeof commonParameters>;

/** What a parameter value is, for a refusal: never the value itself. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Raw parameters as they arrive: Config sends strings (the command turns its shorthands into strings first). */
export type RawParams = Record<string, unknown>;

export function parseParams<S extends ParamSchema>(
  ruleId: string,
  schema: S,
  raw: RawParams,
): ParamsOf<S> & CommonParams {
  // A null-prototype object and own-property checks: `toString`, `constructor` or `__proto__`
  // are not parameters just because every object inherits them.
  const all: ParamSchema = Object.assign(Object.create(null) as ParamSchema, commonParameters, schema);
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(all, name)) {
      const known = Object.keys(all).join(', ');
      throw new InvalidParametersError(`rule ${ruleId}: unknown parameter "${name}" (this rule takes: ${known})`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(all)) {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    // InputParameters values are strings (unset: absent or null). Anything else is refused by
    // kind, never converted: String() of an object calls its own `toString`, which JSON can set.
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new InvalidParametersError(
        `rule ${ruleId}: parameter "${name}" must be ${spec.form} as a string, got ${kindOf(value)}`,
      );
    }
    const text = value?.trim();
    const source = text === undefined || text === '' ? spec.default : text;
    if (source === undefined) {
      out[name] = undefined;
      continue;
    }
    const parsed = v.safeParse(spec.schema, source);
    if (!parsed.success) {
      throw new InvalidParametersError(
        `rule ${ruleId}: parameter "${name}" must be ${spec.form}, got ${JSON.stringify(source)}`,
      );
    }
    out[name] = parsed.output;
  }
  if (out.scopeTagValue !== undefined && out.scopeTagKey === undefined) {
    throw new InvalidParametersError(`rule ${ruleId}: parameter "scopeTagValue" needs "scopeTagKey" as well`);
  }
  return out as ParamsOf<S> & CommonParams;
}

const EMPTY: RawParams = Object.freeze({});
// A rule sees the same few parameter strings on every invocation: parse each once. The parsed
// object is frozen and shared, which also lets the engine cache validation by identity.
const parsedParameterStrings = new Map<string, RawParams>();

/** Forget the parsed parameter strings: what a warm function holds, for a test that starts cold. */
export function clearParsedParameterStrings(): void {
  parsedParameterStrings.clear();
}

/** `ruleParameters` is a JSON string in the event; it may be absent or empty. */
export function parseRuleParametersString(text: unknown): RawParams {
  if (text === undefined || text === null || text === '') return EMPTY;
  if (typeof text === 'object' && !Array.isArray(text)) {
    assertDepth(text, 'ruleParameters');
    return text as RawParams;
  }
  if (typeof text !== 'string')
    throw new InvalidParametersError(`ruleParameters must be a JSON string of an object, got ${typeof text}`);
  const known = parsedParameterStrings.get(text);
  if (known) return known;
  const parsed = Object.freeze(parseParameterObject(text));
  if (parsedParameterStrings.size > 100) parsedParameterStrings.clear();
  parsedParameterStrings.set(text, parsed);
  return parsed;
}

function parseParameterObject(text: string): RawParams {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidParametersError(`ruleParameters is not valid JSON: ${text.slice(0, 80)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidParametersError('ruleParameters must be a JSON object of parameter names to string values');
  }
  assertDepth(value, 'ruleParameters');
  return value as RawParams;
}
