// Field builders for configuration schemas. Each leaf carries, as its error, what it expects, so
// a refusal reads "configuration.X must be <expected>". Config writes `null` for an unset field,
// so every field is optional and nullable; objects allow extra fields (only what rules read is
// checked). zod/mini, as the parameters use: tree-shakable, so each Lambda bundle stays small.
import * as z from 'zod/mini';

export type Schema = z.ZodMiniType<unknown, unknown>;

const optional = <T extends Schema>(schema: T) => z.optional(z.nullable(schema));

export const str = () => optional(z.string({ error: 'a string' }));

/** CloudFormation-style booleans arrive as `true` or `"true"`. */
const TRUE_OR_FALSE = { error: 'true or false' };
export const bool = () => optional(z.union([z.boolean(), z.enum(['true', 'false'], TRUE_OR_FALSE)], TRUE_OR_FALSE));

/** Counts and percentages: a number or its decimal text. */
const A_NUMBER = { error: 'a number' };
export const num = () =>
  optional(z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/, A_NUMBER))], A_NUMBER));

/** Timestamps: ISO text or epoch numbers, as the SDK and the CLI print them. */
export const time = () => optional(z.union([z.string(), z.number()], { error: 'a date (ISO text or epoch number)' }));

const AN_OBJECT = { error: 'an object' };
type Shape = Record<string, Schema>;
export const obj = <S extends Shape>(shape: S) => optional(z.looseObject(shape, AN_OBJECT));

export const list = (item: Schema) => optional(z.array(item, { error: 'a list' }));

/** A list whose entries are objects of this shape. */
export const objects = <S extends Shape>(shape: S) => list(z.looseObject(shape, AN_OBJECT));

/** The configuration (or supplementary configuration) itself. */
export const configuration = <S extends Shape>(shape: S) => z.looseObject(shape, AN_OBJECT);
