// A tracked type's properties, written once as data. From them come the CloudFormation resource
// schema the deploy registers (`resourceSchema`), the configuration that gets recorded
// (`project`: only declared fields, secrets replaced by their meaning) and, through `project`, the
// fixtures' form. The schema follows CloudFormation's resource provider schema: property names
// are letters and digits, every object declares its properties (`additionalProperties: false`),
// nested objects live in `definitions`, free-form maps use `patternProperties`
// (https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html,
// https://github.com/aws-cloudformation/cloudformation-resource-schema).
import { redactString, REDACTED_VALUE } from './redact.js';

interface Base {
  description?: string;
  /** A field some rule reads: trimming never drops it (trim.ts). */
  read?: boolean;
}
export type Prop =
  | (Base & { kind: 'string'; format?: 'date-time'; secret?: boolean })
  | (Base & { kind: 'integer' | 'number' | 'boolean' })
  | (Base & { kind: 'object'; name: string; properties: Properties })
  | (Base & { kind: 'array'; items: Prop; secret?: boolean })
  | (Base & { kind: 'map'; secret: boolean });
export type Properties = Readonly<Record<string, Prop>>;

const PROPERTY_NAME = /^[A-Za-z0-9]{1,64}$/;

/** Builders; `read` marks a field a rule reads. */
export const p = {
  string: (description?: string): Prop => ({ kind: 'string', ...(description ? { description } : {}) }),
  time: (description?: string): Prop => ({
    kind: 'string',
    format: 'date-time',
    ...(description ? { description } : {}),
  }),
  int: (): Prop => ({ kind: 'integer' }),
  num: (): Prop => ({ kind: 'number' }),
  bool: (): Prop => ({ kind: 'boolean' }),
  obj: (name: string, properties: Properties): Prop => ({ kind: 'object', name, properties }),
  list: (items: Prop): Prop => ({ kind: 'array', items }),
  /** A list of the user's own words (container arguments): each entry replaced by its meaning. */
  secretList: (description: string): Prop => ({ kind: 'array', items: { kind: 'string' }, secret: true, description }),
  /** A map of names to values the user wrote (environment, hyperparameters): keys kept, values replaced. */
  secretMap: (description: string): Prop => ({ kind: 'map', secret: true, description }),
  /** A map of names to values that are not secret by nature (metadata); key-like names are still redacted. */
  map: (description: string): Prop => ({ kind: 'map', secret: false, description }),
  read: (prop: Prop): Prop => ({ ...prop, read: true }),
};

export interface TrackedSpec {
  /** The SageMaker resource: TrainingJob, Endpoint... (the last part of both type names). */
  resource: string;
  description: string;
  /** The property that identifies one resource (CloudFormation's primaryIdentifier). */
  primaryIdentifier: string;
  properties: Properties;
  /** The API reference page of the Describe call the configuration comes from. */
  documentationUrl: string;
}

type JsonSchema = Record<string, unknown>;

function schemaOf(prop: Prop, definitions: Record<string, JsonSchema>): JsonSchema {
  const doc = prop.description ? { description: prop.description } : {};
  switch (prop.kind) {
    case 'string':
      return { type: 'string', ...(prop.format ? { format: prop.format } : {}), ...doc };
    case 'integer':
    case 'number':
    case 'boolean':
      return { type: prop.kind, ...doc };
    case 'array':
      return { type: 'array', insertionOrder: true, items: schemaOf(prop.items, definitions), ...doc };
    case 'map':
      return {
        type: 'object',
        patternProperties: { '^.{1,1024}$': { type: 'string' } },
        additionalProperties: false,
        ...doc,
      };
    case 'object': {
      const definition = {
        type: 'object',
        properties: propertiesOf(prop.properties, definitions),
        additionalProperties: false,
        ...doc,
      };
      const known = definitions[prop.name];
      // One name, one shape: a second use of a definition name must describe the same object.
      if (known && JSON.stringify(known) !== JSON.stringify(definition))
        throw new Error(`definition ${prop.name} is declared twice with different properties`);
      definitions[prop.name] = definition;
      return { $ref: `#/definitions/${prop.name}` };
    }
  }
}

function propertiesOf(properties: Properties, definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, prop] of Object.entries(properties)) {
    if (!PROPERTY_NAME.test(name)) throw new Error(`property name ${name} is not 1-64 letters and digits`);
    out[name] = schemaOf(prop, definitions);
  }
  return out;
}

/** Every recorded configuration may say what trimming to 64 KB removed (trim.ts). */
export const TRIMMED_FIELDS = 'TrimmedFields';
const trimmedFields: Prop = {
  kind: 'array',
  items: { kind: 'string' },
  description: "Fields left out or reduced to fit AWS Config's 64 KB limit, the same way every time.",
};

/** The CloudFormation resource schema (schema.json of the schema handler package) of a tracked type. */
export function resourceSchema(spec: TrackedSpec, typeName: string): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const properties = propertiesOf({ ...spec.properties, [TRIMMED_FIELDS]: trimmedFields }, definitions);
  if (!properties[spec.primaryIdentifier]) throw new Error(`${spec.resource}: no property ${spec.primaryIdentifier}`);
  return {
    typeName,
    description: spec.description,
    documentationUrl: spec.documentationUrl,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    properties,
    required: [spec.primaryIdentifier],
    primaryIdentifier: [`/properties/${spec.primaryIdentifier}`],
    // Observed, never set: every property is read-only, and no handler provisions anything.
    readOnlyProperties: Object.keys(properties).map((name) => `/properties/${name}`),
    additionalProperties: false,
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One value as the schema records it, or undefined when it is absent or not of the declared kind. */
function projectValue(prop: Prop, value: unknown, name: string): Json | undefined {
  if (value === undefined || value === null) return undefined;
  switch (prop.kind) {
    case 'string': {
      const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : undefined;
      if (text === undefined) return undefined;
      return prop.secret ? REDACTED_VALUE : redactString(text, name);
    }
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'array': {
      if (!Array.isArray(value)) return undefined;
      if (prop.secret) return value.map(() => REDACTED_VALUE);
      return value.map((v) => projectValue(prop.items, v, name)).filter((v): v is Json => v !== undefined);
    }
    case 'map': {
      if (!isObject(value)) return undefined;
      const out: Record<string, Json> = {};
      for (const [key, v] of Object.entries(value)) {
        if (typeof v !== 'string') continue;
        out[key] = prop.secret ? REDACTED_VALUE : redactString(v, key);
      }
      return out;
    }
    case 'object':
      return isObject(value) ? projectObject(prop.properties, value) : undefined;
  }
}

function projectObject(properties: Properties, value: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, prop] of Object.entries(properties)) {
    if (!Object.hasOwn(value, name)) continue;
    const projected = projectValue(prop, value[name], name);
    if (projected !== undefined) out[name] = projected;
  }
  return out;
}

/**
 * The configuration recorded for one resource: the declared fields of the Describe output (merged
 * with what else the type reads), Dates as ISO text, and the user's free text replaced by its
 * meaning. An object that is present stays present, even empty: presence can be a finding.
 */
export function project(spec: TrackedSpec, described: Record<string, unknown>): Record<string, Json> {
  return projectObject(spec.properties, described);
}

/** The top-level fields some rule reads (trimming keeps them). */
export const readFields = (spec: TrackedSpec): string[] =>
  Object.entries(spec.properties)
    .filter(([, prop]) => prop.read)
    .map(([name]) => name);
