// SageMaker pipeline definitions: the JSON document DescribePipeline returns as the string
// `PipelineDefinition` ({"Version":"2020-12-01","Parameters":[...],"Steps":[...]}). Here: parsing it
// without throwing, walking its steps (Condition steps nest theirs in Arguments.IfSteps / ElseSteps),
// resolving values that refer to pipeline parameters, and where each job-running step type keeps
// its KMS keys (the step's Arguments follow the matching Create* API request).

import type { JsonObject } from './items.js';
import { append } from './arrays.js';

export interface PipelineParameter {
  Name?: unknown;
  Type?: unknown;
  DefaultValue?: unknown;
}

export interface PipelineDefinition {
  Parameters: PipelineParameter[];
  Steps: unknown[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The definition, or why it is not one (never throws: a broken definition is a finding, not a crash). */
export function parsePipelineDefinition(value: unknown): { definition: PipelineDefinition } | { error: string } {
  if (value === undefined || value === null || value === '') return { error: 'is not set' };
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch (e) {
      return { error: `is not valid JSON (${(e as Error).message})` };
    }
  }
  if (!isObject(raw)) return { error: 'is not a JSON object' };
  if (raw.Steps !== undefined && !Array.isArray(raw.Steps)) return { error: 'has a Steps value that is not a list' };
  if (raw.Parameters !== undefined && !Array.isArray(raw.Parameters))
    return { error: 'has a Parameters value that is not a list' };
  return { definition: { Parameters: (raw.Parameters ?? []).filter(isObject), Steps: raw.Steps ?? [] } };
}

export interface LocatedStep {
  name: string;
  type: string;
  arguments: JsonObject;
  /** The Condition step branch holding this step (`CheckMSE.IfSteps`), for nested steps. */
  within?: string;
}

/** Every step in definition order, Condition branches expanded right after their Condition step. */
export function walkSteps(steps: unknown[], within?: string): LocatedStep[] {
  const out: LocatedStep[] = [];
  for (const step of steps) {
    if (!isObject(step)) continue;
    const located: LocatedStep = {
      name: typeof step.Name === 'string' ? step.Name : '(unnamed)',
      type: typeof step.Type === 'string' ? step.Type : '(no Type)',
      arguments: isObject(step.Arguments) ? step.Arguments : {},
    };
    if (within !== undefined) located.within = within;
    out.push(located);
    if (located.type !== 'Condition') continue;
    for (const branch of ['IfSteps', 'ElseSteps']) {
      const nested = located.arguments[branch];
      if (Array.isArray(nested)) append(out, walkSteps(nested, `${located.name}.${branch}`));
    }
  }
  return out;
}

/** A value as the pipeline will use it, or why the definition alone does not fix it. */
export type Resolved = { value: string } | { unresolved: string };

/**
 * Literals stand for themselves; `{"Get":"Parameters.X"}` stands for X's default value (an execution
 * may override it, but the default is what runs unless someone chooses otherwise); `Std:Join` of
 * resolvable parts is resolved. Step properties and execution variables are known only at run time.
 */
export function resolveValue(value: unknown, parameters: PipelineParameter[]): Resolved {
  if (typeof value === 'string') return { value };
  if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
  if (isObject(value) && typeof value.Get === 'string') {
    const name = /^Parameters\.(.+)$/.exec(value.Get)?.[1];
    if (name === undefined) return { unresolved: `refers to ${value.Get}, known only at run time` };
    const declared = parameters.find((p) => p.Name === name);
    if (!declared) return { unresolved: `refers to parameter ${name}, which the pipeline does not declare` };
    const fallback = declared.DefaultValue;
    if (fallback === undefined || fallback === null)
      return { unresolved: `refers to parameter ${name}, which has no default` };
    if (fallback === '') return { unresolved: `refers to parameter ${name}, whose default is empty` };
    return resolveValue(fallback, []);
  }
  if (isObject(value) && isObject(value['Std:Join'])) {
    const join = value['Std:Join'];
    const parts: string[] = [];
    for (const part of Array.isArray(join.Values) ? join.Values : []) {
      const resolved = resolveValue(part, parameters);
      if ('unresolved' in resolved) return resolved;
      parts.push(resolved.value);
    }
    return { value: parts.join(typeof join.On === 'string' ? join.On : '') };
  }
  return { unresolved: `is ${JSON.stringify(value) ?? 'unset'}` };
}

/** A KMS key field of a step: where it is (relative to Arguments) and the value found there. */
export type KeyField = [field: string, value: unknown];

function tuningDefinitionKeys(prefix: string, definition: unknown): KeyField[] {
  const d = isObject(definition) ? definition : {};
  // Flexible-instance tuning jobs size their cluster in HyperParameterTuningResourceConfig instead.
  const volume =
    d.ResourceConfig === undefined && isObject(d.HyperParameterTuningResourceConfig)
      ? ['HyperParameterTuningResourceConfig', d.HyperParameterTuningResourceConfig]
      : ['ResourceConfig', d.ResourceConfig];
  return [
    [`${prefix}.${volume[0]}.VolumeKmsKeyId`, (volume[1] as JsonObject)?.VolumeKmsKeyId],
    [`${prefix}.OutputDataConfig.KmsKeyId`, d.OutputDataConfig?.KmsKeyId],
  ];
}

/**
 * The volume and output KMS key fields of a job-running step (Training: CreateTrainingJob,
 * Processing: CreateProcessingJob, Transform: CreateTransformJob, Tuning:
 * CreateHyperParameterTuningJob); undefined for step types that run no such job.
 */
export function stepKeyFields(step: LocatedStep): KeyField[] | undefined {
  const a = step.arguments;
  switch (step.type) {
    case 'Training':
      return [
        ['ResourceConfig.VolumeKmsKeyId', a.ResourceConfig?.VolumeKmsKeyId],
        ['OutputDataConfig.KmsKeyId', a.OutputDataConfig?.KmsKeyId],
      ];
    case 'Processing': {
      const fields: KeyField[] = [
        ['ProcessingResources.ClusterConfig.VolumeKmsKeyId', a.ProcessingResources?.ClusterConfig?.VolumeKmsKeyId],
      ];
      // A processing job without outputs writes nothing to S3: there is no output to encrypt.
      if (a.ProcessingOutputConfig !== undefined)
        fields.push(['ProcessingOutputConfig.KmsKeyId', a.ProcessingOutputConfig?.KmsKeyId]);
      return fields;
    }
    case 'Transform':
      return [
        ['TransformResources.VolumeKmsKeyId', a.TransformResources?.VolumeKmsKeyId],
        ['TransformOutput.KmsKeyId', a.TransformOutput?.KmsKeyId],
      ];
    case 'Tuning': {
      const many = Array.isArray(a.TrainingJobDefinitions) ? a.TrainingJobDefinitions : [];
      const fields = [
        ...(a.TrainingJobDefinition !== undefined || many.length === 0
          ? tuningDefinitionKeys('TrainingJobDefinition', a.TrainingJobDefinition)
          : []),
        ...many.flatMap((d: unknown, i: number) => tuningDefinitionKeys(`TrainingJobDefinitions[${i}]`, d)),
      ];
      return fields;
    }
    default:
      return undefined;
  }
}
