// Reading a CloudFormation template: JSON (CDK's cdk.out/*.template.json, SAM after transform)
// or YAML with the short-form intrinsic tags (!Ref, !Sub, !GetAtt, !If, ...), which the `yaml`
// library parses through custom tags into the long form ({"Fn::Sub": ...}).
// Short forms: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError, type Tags } from 'yaml';
import { UsageError } from '../output.js';

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

function parseText(path: string, text: string): unknown {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message.replace(/\s+/g, ' ');
      throw new UsageError(
        `${path}: ${jsonErrorLine(text, message)}not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`,
      );
    }
  }
  try {
    return parseYaml(text, { customTags: shortFormTags(), uniqueKeys: true });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      throw new UsageError(
        `${path}: ${where}not valid YAML (${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`,
      );
    }
    throw e;
  }
}

/** A template from a file; anything that is not one is a usage error naming the file and the reason. */
export function readTemplate(path: string): Template {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${path}: cannot read the template (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const value = parseText(path, text) as Template | null;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${path}: not a CloudFormation template (not a mapping)`);
  const resources = value.Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new UsageError(`${path}: not a CloudFormation template (no Resources section)`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    if (!resource || typeof resource !== 'object' || typeof resource.Type !== 'string') {
      throw new UsageError(`${path}: resource ${id} has no Type`);
    }
  }
  return value;
}
