// Reading a CloudFormation template: JSON (CDK's cdk.out/*.template.json, SAM after transform)
// or YAML with the short-form intrinsic tags (!Ref, !Sub, !GetAtt, !If, ...), which the `yaml`
// library parses through custom tags into the long form ({"Fn::Sub": ...}).
// Short forms: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, Scalar, type Tags, visit } from 'yaml';
import { unresolved } from '../../rules/_core/before-deploy.js';
import { assertDepth } from '../../rules/_core/depth.js';
import { UsageError } from '../output.js';
import { scanJson } from './json-scan.js';
import { jsonKeyLine, yamlKeyLine, type KeyLine } from './lines.js';
import { limitError, TEMPLATE_LIMITS } from './limits.js';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  Metadata?: Record<string, unknown>;
}

export interface Template {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
}

const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
];

// `!Ref X` and `!Condition X` keep their names; every other short form is `Fn::<Name>`.
function shortFormTags(): Tags {
  const names: [string, string][] = [
    ['Ref', 'Ref'],
    ['Condition', 'Condition'],
    ...FUNCTIONS.map((f): [string, string] => [f, `Fn::${f}`]),
  ];
  return names.flatMap(([short, long]) => [
    // `!GetAtt Bucket.Arn` is the string form of ["Bucket", "Arn"].
    { tag: `!${short}`, resolve: (text: string) => ({ [long]: short === 'GetAtt' ? splitGetAtt(text) : text }) },
    {
      tag: `!${short}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => ({ [long]: seq.toJSON() }),
    },
    {
      tag: `!${short}`,
      collection: 'map' as const,
      resolve: (map: { toJSON(): unknown }) => ({ [long]: map.toJSON() }),
    },
  ]);
}

const splitGetAtt = (text: string) => {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
};

/** Line and column of a character offset, for JSON errors that give only a position. */
function lineOf(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * Where JSON.parse failed. Some Node versions give the position in the message; otherwise the
 * shortest prefix that fails other than by ending early holds the error (found by bisection).
 */
function jsonErrorLine(text: string, message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return `${lineOf(text, Number(position))}: `;
  const endsEarly = (prefix: string) => {
    try {
      JSON.parse(prefix);
      return true;
    } catch (e) {
      return /end of JSON input|Unterminated/.test((e as Error).message);
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endsEarly(text.slice(0, mid))) lo = mid + 1;
    else hi = mid;
  }
  return `${lineOf(text, lo - 1)}: `;
}

/** JSON text: scanned for duplicate keys and depth (linear), then parsed. */
function parseJson(path: string, text: string): unknown {
  const problem = scanJson(text, TEMPLATE_LIMITS.depth);
  if (problem?.kind === 'depth') throw limitError(path, `${lineOf(text, problem.offset)}: nested too deep`, 'depth');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message.replace(/\s+/g, ' ');
    throw new UsageError(
      `${path}: ${jsonErrorLine(text, message)}not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`,
    );
  }
  if (problem?.kind === 'duplicate') {
    // As YAML refuses it: JSON.parse would silently keep the last value.
    throw new UsageError(`${path}: ${lineOf(text, problem.offset)}: duplicate key ${JSON.stringify(problem.key)}`);
  }
  return value;
}

/** Tags the template check reads: the short forms and YAML's own (`!!str`...). */
const KNOWN_TAGS = new Set(['!Ref', '!Condition', ...FUNCTIONS.map((f) => `!${f}`)]);
const isKnownTag = (tag: string) => KNOWN_TAGS.has(tag) || tag.startsWith('tag:yaml.org,2002:');

function yamlLine(text: string, range: readonly number[] | null | undefined): string {
  return range ? `${lineOf(text, range[0]!)}: ` : '';
}

/**
 * YAML text. An unknown tag (`!Evil Disabled`) is refused: taken as its plain value it would be
 * judged as if CloudFormation understood it. With `allowUnknownTags` it becomes an unresolved
 * value (⟨!Evil⟩): present for presence checks, NOT_APPLICABLE where a rule compares it.
 */
function parseYamlText(path: string, text: string, allowUnknownTags: boolean): { value: unknown; keyLine: KeyLine } {
  let doc: ReturnType<typeof parseDocument>;
  const lineCounter = new LineCounter();
  try {
    doc = parseDocument(text, { customTags: shortFormTags(), uniqueKeys: true, lineCounter });
  } catch (e) {
    if (e instanceof RangeError) throw limitError(path, 'nested too deep to read', 'depth');
    throw e;
  }
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new UsageError(
      `${path}: ${where}not valid YAML (${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`,
    );
  }
  let aliases = 0;
  let refused: string | undefined;
  visit(doc, {
    Alias(_key, node) {
      aliases++;
      if (aliases > TEMPLATE_LIMITS.aliases) {
        refused = `${yamlLine(text, node.range)}more YAML aliases than allowed`;
        return visit.BREAK;
      }
      return undefined;
    },
    Node(_key, node) {
      if (node.tag === undefined || isKnownTag(node.tag)) return undefined;
      if (!allowUnknownTags) {
        throw new UsageError(
          `${path}: ${yamlLine(text, node.range && [Math.max(0, text.lastIndexOf(node.tag, node.range[0]))])}unknown tag ${node.tag} (CloudFormation has no such function; --allow-unknown-tags reads it as unresolved)`,
        );
      }
      return new Scalar(unresolved(node.tag));
    },
  });
  if (refused) throw limitError(path, refused, 'aliases');
  try {
    return { value: doc.toJS({ maxAliasCount: TEMPLATE_LIMITS.aliases }), keyLine: yamlKeyLine(doc, lineCounter) };
  } catch (e) {
    if (e instanceof ReferenceError && /alias count/.test(e.message))
      throw limitError(path, 'YAML aliases expand to too many nodes (an alias bomb?)', 'aliases');
    if (e instanceof RangeError) throw limitError(path, 'nested too deep to read', 'depth');
    throw e;
  }
}

export interface ReadTemplateOptions {
  /** Read unknown YAML tags as unresolved values instead of refusing the template. */
  allowUnknownTags?: boolean;
}

/** A template from a file; anything that is not one is a usage error naming the file and the reason. */
export function readTemplate(path: string, options: ReadTemplateOptions = {}): Template {
  return readTemplateSource(path, options).template;
}

/** A template and where each of its keys starts in the file. */
export function readTemplateSource(
  path: string,
  options: ReadTemplateOptions = {},
): { template: Template; keyLine: KeyLine } {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > TEMPLATE_LIMITS.bytes) throw limitError(path, `${size.toLocaleString('en-US')} bytes`, 'bytes');
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `${path}: cannot read the template (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const parsed = /^\s*[{[]/.test(text)
    ? { value: parseJson(path, text), keyLine: jsonKeyLine(text) }
    : parseYamlText(path, text, options.allowUnknownTags === true);
  const value = parsed.value as Template | null;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${path}: not a CloudFormation template (not a mapping)`);
  try {
    assertDepth(value, path);
  } catch {
    throw limitError(path, 'nested too deep', 'depth');
  }
  const resources = value.Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new UsageError(`${path}: not a CloudFormation template (no Resources section)`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    if (!resource || typeof resource !== 'object' || typeof resource.Type !== 'string') {
      throw new UsageError(`${path}: resource ${id} has no Type`);
    }
  }
  return { template: value, keyLine: parsed.keyLine };
}
