// Field builders for configuration schemas. Each leaf carries, as its error, what it expects, so
// a refusal reads "configuration.X must be <expected>". Config writes `null` for an unset field,
// so every field is optional and nullable; objects allow extra fields (only what rules read is
// checked). Valibot: each function is its own module, so a Lambda bundle holds only those used.
import * as v from 'valibot';

export type Schema = v.GenericSchema<unknown, unknown>;

const optional = <T extends Schema>(schema: T) => v.optional(v.nullable(schema));

export const str = () => optional(v.string('a string'));

/** CloudFormation-style booleans arrive as `true` or `"true"`. */
const TRUE_OR_FALSE = 'true or false';
export const bool = () => optional(v.union([v.boolean(), v.picklist(['true', 'false'])], TRUE_OR_FALSE));

/** Counts and percentages: a finite number or its decimal text (JSON's 1e309 parses as Infinity). */
const A_NUMBER = 'a number';
export const num = () =>
  optional(
    v.union(
      [v.pipe(v.number(), v.finite(A_NUMBER)), v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, A_NUMBER))],
      A_NUMBER,
    ),
  );

/** Timestamps: ISO text or epoch numbers, as the SDK and the CLI print them. */
export const time = () => optional(v.union([v.string(), v.number()], 'a date (ISO text or epoch number)'));

/**
 * An object, not a list: valibot's object schemas take any `typeof "object"` value, lists too,
 * so a list is refused first, with the same message (null and the other values the object schema
 * refuses itself).
 */
export const plainObject = (schema: Schema, message: string): Schema =>
  v.pipe(
    v.custom<unknown>((x) => !Array.isArray(x), message),
    schema,
  );

const AN_OBJECT = 'an object';
type Shape = Record<string, Schema>;
const looseObject = <S extends Shape>(shape: S) => plainObject(v.looseObject(shape, AN_OBJECT), AN_OBJECT);

export const obj = <S extends Shape>(shape: S) => optional(looseObject(shape));

export const list = (item: Schema) => optional(v.array(item, 'a list'));

/** A list whose entries are objects of this shape. */
export const objects = <S extends Shape>(shape: S) => list(looseObject(shape));

/** The configuration (or supplementary configuration) itself. */
export const configuration = <S extends Shape>(shape: S) => looseObject(shape);

/** The top-level fields a configuration schema checks (the fields its rules read). */
export function fieldNames(schema: Schema): string[] {
  const steps = (schema as { pipe?: readonly unknown[] }).pipe ?? [schema];
  const object = steps.find((step) => (step as { type?: string }).type === 'loose_object') as
    | { entries: Record<string, unknown> }
    | undefined;
  return object ? Object.keys(object.entries) : [];
}
