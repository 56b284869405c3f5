// Maps keyed by text from outside (tag keys, parameter names, supplementary keys, template
// Mappings, Parameters and Resources) are read through these. A plain object answers `in` and
// `obj[key]` for every member it inherits: `constructor`, `toString`, `__proto__`, `valueOf`...
// so a tag key `constructor` would be "present" on an untagged resource. Own properties only,
// and maps built from such keys have no prototype at all (assigning `__proto__` to one stores a
// value, where on a plain object it would replace the prototype).

/** `map[key]` when `key` is the map's own property; undefined otherwise (and for a missing map). */
export function own<T>(map: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return map !== null && map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Whether `key` is the map's own property. */
export function hasOwn(map: object | null | undefined, key: string): boolean {
  return map !== null && map !== undefined && Object.hasOwn(map, key);
}

/** An empty map without a prototype, to fill from keys that come from outside. */
export const dictionary = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
