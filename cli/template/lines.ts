// Where a key of a template starts, as a 1-based line, so that a finding points at the resource or
// at the property it is about (SARIF's region.startLine; a table's file:line). YAML keeps node
// ranges through the `yaml` parser (its LineCounter turns offsets into lines); JSON is read a second
// time, for positions only, by jsonc-parser, as JSON.parse keeps none.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { isMap, isScalar, type LineCounter, type Node as YamlNode, type Document } from 'yaml';
import { lineAt, lineStarts } from '../../rules/_core/line-numbers.js';

/** The line of the key at the end of `path` (Resources, logical id, Properties, ...), if there is one. */
export type KeyLine = (path: readonly string[]) => number | undefined;

export function yamlKeyLine(doc: Document, lineCounter: LineCounter): KeyLine {
  return (path) => {
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const segment of path) {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return undefined;
      offset = (pair.key as YamlNode).range?.[0];
      node = pair.value;
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}

/** JSON positions, read on the first question only: most runs never ask. */
export function jsonKeyLine(text: string): KeyLine {
  let read: KeyLine | undefined;
  return (path) => (read ??= readJsonPositions(text))(path);
}

function readJsonPositions(text: string): KeyLine {
  const root = parseTree(text);
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineAt(starts, offset);
  return (path) => {
    // The value's node; its parent is the property, which starts at the key.
    const value = root && path.length > 0 ? findNodeAtLocation(root, [...path]) : undefined;
    return value?.parent?.type === 'property' ? lineOf(value.parent.offset) : undefined;
  };
}

/** Dotted names in an annotation (`OnlineStoreConfig.SecurityConfig.KmsKeyId is not set`), in order. */
const PROPERTY_PATH = /\b[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*\b/g;

/**
 * The line a finding points at: the deepest property of the resource that its annotation names
 * (the offending property), else the resource's own key.
 */
export function findingLine(keyLine: KeyLine, logicalId: string, annotation: string | undefined): number | undefined {
  const resource = ['Resources', logicalId];
  for (const [name] of (annotation ?? '').matchAll(PROPERTY_PATH)) {
    const segments = name.split('.');
    for (let n = segments.length; n > 0; n--) {
      const line = keyLine([...resource, 'Properties', ...segments.slice(0, n)]);
      if (line !== undefined) return line;
    }
  }
  return keyLine(resource);
}
