// A pipeline definition as the pack records it. SageMaker returns it as JSON text whose steps
// carry the arguments of Create* API requests, so the user's own words sit inside it: parameter
// defaults (a `DbPassword` with a default), container environments, hyperparameters, container
// arguments. `scrubDefinition` replaces those as the projection does elsewhere (schema.ts), and
// `reduceDefinition` keeps only what the encryption rule reads (rules/_core/pipeline-steps.ts:
// each job step's volume and output KMS keys, Condition branches, and the parameters those keys
// may refer to), for a definition too large for a 64 KB configuration item.
import { createHash } from 'node:crypto';
import { hasOwn } from '../_core/own.js';
import { isSecretName } from '../_core/secret-names.js';
import { redactString, REDACTED_VALUE } from './redact.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Maps whose values are the user's own words, and lists whose entries are. */
const FREE_FORM_MAPS = new Set(['Environment', 'HyperParameters', 'StaticHyperParameters']);
const FREE_FORM_LISTS = new Set(['ContainerArguments', 'ContainerEntrypoint']);

export const definitionDigest = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

function scrubValue(value: Json, key: string | undefined): Json {
  if (typeof value === 'string') return redactString(value, key);
  if (Array.isArray(value)) {
    if (key !== undefined && FREE_FORM_LISTS.has(key)) return value.map(() => REDACTED_VALUE);
    return value.map((v) => scrubValue(v, key));
  }
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  // A parameter declaration: its default is the value under the parameter's own name.
  const parameterName = typeof value.Name === 'string' && hasOwn(value, 'DefaultValue') ? value.Name : undefined;
  for (const [k, v] of Object.entries(value)) {
    if (key !== undefined && FREE_FORM_MAPS.has(key))
      out[k] = typeof v === 'string' ? REDACTED_VALUE : scrubValue(v, k);
    else if (k === 'DefaultValue' && parameterName !== undefined && isSecretName(parameterName))
      out[k] = v === '' || v === null ? v : REDACTED_VALUE;
    else out[k] = scrubValue(v, k);
  }
  return out;
}

/** The definition with secrets replaced; text that is not a JSON object is recorded as redactString leaves it. */
export function scrubDefinition(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The rule reports an unparsable definition; what is recorded still loses credentials by shape.
    return redactString(text);
  }
  return JSON.stringify(scrubValue(parsed as Json, undefined));
}

/** Where each job step type keeps its KMS keys (the fields rules/_core/pipeline-steps.ts reads). */
const KEY_PATHS: Record<string, string[][]> = {
  Training: [
    ['ResourceConfig', 'VolumeKmsKeyId'],
    ['OutputDataConfig', 'KmsKeyId'],
  ],
  Processing: [
    ['ProcessingResources', 'ClusterConfig', 'VolumeKmsKeyId'],
    ['ProcessingOutputConfig', 'KmsKeyId'],
  ],
  Transform: [
    ['TransformResources', 'VolumeKmsKeyId'],
    ['TransformOutput', 'KmsKeyId'],
  ],
};
const TUNING_PATHS = [
  ['ResourceConfig', 'VolumeKmsKeyId'],
  ['HyperParameterTuningResourceConfig', 'VolumeKmsKeyId'],
  ['OutputDataConfig', 'KmsKeyId'],
];

/** The same object with only these paths; an object on the way is kept (even empty), a missing one is not made up. */
function pick(source: Json | undefined, paths: string[][]): Json | undefined {
  if (!isObject(source)) return undefined;
  const out: Record<string, Json> = {};
  for (const [head, ...rest] of paths) {
    if (head === undefined || !hasOwn(source, head)) continue;
    if (rest.length === 0) out[head] = source[head] as Json;
    else {
      const inner = pick(source[head], [rest]);
      if (inner !== undefined)
        out[head] = isObject(out[head]) ? { ...(out[head] as object), ...(inner as object) } : inner;
    }
  }
  return out;
}

function reduceStep(step: Json): Json {
  if (!isObject(step)) return step;
  const args = isObject(step.Arguments) ? step.Arguments : {};
  let reduced: Record<string, Json> = {};
  const type = typeof step.Type === 'string' ? step.Type : '';
  if (KEY_PATHS[type]) reduced = (pick(args, KEY_PATHS[type]) ?? {}) as Record<string, Json>;
  if (type === 'Tuning') {
    if (hasOwn(args, 'TrainingJobDefinition'))
      reduced.TrainingJobDefinition =
        pick(args.TrainingJobDefinition, TUNING_PATHS) ?? args.TrainingJobDefinition ?? null;
    if (Array.isArray(args.TrainingJobDefinitions))
      reduced.TrainingJobDefinitions = args.TrainingJobDefinitions.map((d) => pick(d, TUNING_PATHS) ?? d);
  }
  if (type === 'Condition')
    for (const branch of ['IfSteps', 'ElseSteps'])
      if (Array.isArray(args[branch])) reduced[branch] = (args[branch] as Json[]).map(reduceStep);
  return { ...(step.Name !== undefined ? { Name: step.Name } : {}), Type: step.Type ?? null, Arguments: reduced };
}

/** The definition reduced to what the encryption rule reads, or undefined when the text is not a definition. */
export function reduceDefinition(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  return JSON.stringify({
    ...(parsed.Version !== undefined ? { Version: parsed.Version } : {}),
    ...(Array.isArray(parsed.Parameters) ? { Parameters: parsed.Parameters } : {}),
    ...(Array.isArray(parsed.Steps) ? { Steps: parsed.Steps.map(reduceStep) } : {}),
  });
}
