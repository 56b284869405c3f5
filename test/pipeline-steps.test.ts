// Pipeline definition handling behind sagemaker-pipeline-steps-encrypted: parsing without throwing,
// walking Condition branches, resolving parameter references, and the KMS key fields of each
// job-running step type.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePipelineDefinition,
  resolveValue,
  stepKeyFields,
  walkSteps,
  type LocatedStep,
  type PipelineParameter,
} from '../rules/_core/pipeline-steps.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const PARAMETERS: PipelineParameter[] = [
  { Name: 'KmsKeyArn', Type: 'String', DefaultValue: KEY },
  { Name: 'KmsKeyId', Type: 'String', DefaultValue: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  { Name: 'OutputKmsKeyArn', Type: 'String' },
  { Name: 'EmptyKey', Type: 'String', DefaultValue: '' },
  { Name: 'AucThreshold', Type: 'Float', DefaultValue: 0.9 },
];
const step = (type: string, args: Record<string, unknown>, name = `${type}Step`): LocatedStep => ({
  name,
  type,
  arguments: args,
});

describe('parsePipelineDefinition', () => {
  it('parses the JSON string DescribePipeline returns', () => {
    const text = JSON.stringify({
      Version: '2020-12-01',
      Metadata: {},
      Parameters: PARAMETERS,
      Steps: [{ Name: 'Train', Type: 'Training', Arguments: {} }],
    });
    const parsed = parsePipelineDefinition(text);
    expect(parsed).toEqual({
      definition: { Parameters: PARAMETERS, Steps: [{ Name: 'Train', Type: 'Training', Arguments: {} }] },
    });
  });

  it('accepts an already parsed object and defaults absent lists to empty', () => {
    expect(parsePipelineDefinition({ Version: '2020-12-01' })).toEqual({ definition: { Parameters: [], Steps: [] } });
  });

  it('keeps only the parameters that are objects', () => {
    expect(parsePipelineDefinition({ Parameters: ['KmsKeyArn', { Name: 'A' }, null], Steps: [] })).toEqual({
      definition: { Parameters: [{ Name: 'A' }], Steps: [] },
    });
  });

  it('reads a null definition as not set', () => {
    expect(parsePipelineDefinition(null)).toEqual({ error: 'is not set' });
  });

  it('says why a definition cannot be used, instead of throwing', () => {
    expect(parsePipelineDefinition(undefined)).toEqual({ error: 'is not set' });
    expect(parsePipelineDefinition('')).toEqual({ error: 'is not set' });
    expect(parsePipelineDefinition('{"Version": "2020-12-01", "Steps": [')).toMatchObject({
      error: expect.stringMatching(/^is not valid JSON \(/),
    });
    expect(parsePipelineDefinition('[1, 2]')).toEqual({ error: 'is not a JSON object' });
    expect(parsePipelineDefinition('"Steps"')).toEqual({ error: 'is not a JSON object' });
    expect(parsePipelineDefinition('{"Steps": {"Name": "Train"}}')).toEqual({
      error: 'has a Steps value that is not a list',
    });
    expect(parsePipelineDefinition('{"Steps": [], "Parameters": "KmsKeyArn"}')).toEqual({
      error: 'has a Parameters value that is not a list',
    });
  });

  it('never throws, whatever string or JSON value it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue()), (value) => {
        const parsed = parsePipelineDefinition(value);
        expect('definition' in parsed || 'error' in parsed).toBe(true);
      }),
    );
  });
});

describe('walkSteps', () => {
  const definition = [
    { Name: 'Preprocess', Type: 'Processing', Arguments: {} },
    {
      Name: 'CheckAuc',
      Type: 'Condition',
      Arguments: {
        Conditions: [],
        IfSteps: [
          { Name: 'Register', Type: 'RegisterModel', Arguments: {} },
          {
            Name: 'CheckDrift',
            Type: 'Condition',
            Arguments: {
              IfSteps: [{ Name: 'Score', Type: 'Transform', Arguments: { ModelName: 'm' } }],
              ElseSteps: [],
            },
          },
        ],
        ElseSteps: [{ Name: 'Fail', Type: 'Fail', Arguments: { ErrorMessage: 'AUC too low' } }],
      },
    },
    { Name: 'Notify', Type: 'Lambda' },
  ];

  it('lists every step in definition order, Condition branches right after their Condition step', () => {
    expect(walkSteps(definition).map((s) => [s.name, s.type, s.within])).toEqual([
      ['Preprocess', 'Processing', undefined],
      ['CheckAuc', 'Condition', undefined],
      ['Register', 'RegisterModel', 'CheckAuc.IfSteps'],
      ['CheckDrift', 'Condition', 'CheckAuc.IfSteps'],
      ['Score', 'Transform', 'CheckDrift.IfSteps'],
      ['Fail', 'Fail', 'CheckAuc.ElseSteps'],
      ['Notify', 'Lambda', undefined],
    ]);
    expect(walkSteps(definition)[4]!.arguments).toEqual({ ModelName: 'm' });
    expect(walkSteps(definition)[6]!.arguments).toEqual({});
  });

  it('gives a top-level step no branch at all, not an empty one', () => {
    expect(walkSteps(definition)[0]).toStrictEqual({ name: 'Preprocess', type: 'Processing', arguments: {} });
  });

  it('expands only Condition steps, and only branches that are lists', () => {
    const notACondition = { Name: 'Train', Type: 'Training', Arguments: { IfSteps: [{ Name: 'X', Type: 'Fail' }] } };
    expect(walkSteps([notACondition]).map((s) => s.name)).toEqual(['Train']);
    const oddBranches = {
      Name: 'Check',
      Type: 'Condition',
      Arguments: { IfSteps: { Name: 'X', Type: 'Fail' }, ElseSteps: [{ Name: 'Y', Type: 'Fail' }] },
    };
    expect(walkSteps([oddBranches]).map((s) => [s.name, s.within])).toEqual([
      ['Check', undefined],
      ['Y', 'Check.ElseSteps'],
    ]);
  });

  it('skips entries that are not steps and names what is missing', () => {
    expect(walkSteps([null, 'Train', 3, { Arguments: [] }]).map((s) => [s.name, s.type, s.arguments])).toEqual([
      ['(unnamed)', '(no Type)', {}],
    ]);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), (steps) => {
        for (const s of walkSteps(steps))
          expect(stepKeyFields(s) === undefined || Array.isArray(stepKeyFields(s))).toBe(true);
      }),
    );
  });
});

describe('resolveValue', () => {
  it('takes literals as they are', () => {
    expect(resolveValue(KEY, PARAMETERS)).toEqual({ value: KEY });
    expect(resolveValue('', PARAMETERS)).toEqual({ value: '' });
    expect(resolveValue(30, PARAMETERS)).toEqual({ value: '30' });
  });

  it('takes booleans as their text, and nothing as unset', () => {
    expect(resolveValue(true, PARAMETERS)).toEqual({ value: 'true' });
    expect(resolveValue(false, PARAMETERS)).toEqual({ value: 'false' });
    expect(resolveValue(undefined, PARAMETERS)).toEqual({ unresolved: 'is unset' });
  });

  it('resolves a parameter reference to its default value', () => {
    expect(resolveValue({ Get: 'Parameters.KmsKeyArn' }, PARAMETERS)).toEqual({ value: KEY });
    expect(resolveValue({ Get: 'Parameters.AucThreshold' }, PARAMETERS)).toEqual({ value: '0.9' });
  });

  it('says why a parameter reference does not resolve', () => {
    expect(resolveValue({ Get: 'Parameters.OutputKmsKeyArn' }, PARAMETERS)).toEqual({
      unresolved: 'refers to parameter OutputKmsKeyArn, which has no default',
    });
    expect(resolveValue({ Get: 'Parameters.EmptyKey' }, PARAMETERS)).toEqual({
      unresolved: 'refers to parameter EmptyKey, whose default is empty',
    });
    expect(resolveValue({ Get: 'Parameters.KmsKey' }, PARAMETERS)).toEqual({
      unresolved: 'refers to parameter KmsKey, which the pipeline does not declare',
    });
  });

  it('reads a default of null as none', () => {
    expect(
      resolveValue({ Get: 'Parameters.NullKey' }, [{ Name: 'NullKey', Type: 'String', DefaultValue: null }]),
    ).toEqual({
      unresolved: 'refers to parameter NullKey, which has no default',
    });
  });

  it('reads only a Get that starts with Parameters. as a parameter', () => {
    expect(resolveValue({ Get: 'Steps.Tune.Parameters.KmsKeyArn' }, PARAMETERS)).toEqual({
      unresolved: 'refers to Steps.Tune.Parameters.KmsKeyArn, known only at run time',
    });
  });

  it('treats step properties and execution variables as known only at run time', () => {
    expect(resolveValue({ Get: "Steps.LookupKey.OutputParameters['key_arn']" }, PARAMETERS)).toEqual({
      unresolved: "refers to Steps.LookupKey.OutputParameters['key_arn'], known only at run time",
    });
    expect(resolveValue({ Get: 'Execution.PipelineExecutionId' }, PARAMETERS)).toMatchObject({
      unresolved: expect.stringContaining('run time'),
    });
  });

  it('joins Std:Join parts when every part resolves', () => {
    const join = (values: unknown[], on = '') => ({ 'Std:Join': { On: on, Values: values } });
    expect(
      resolveValue(join(['arn:aws:kms:us-east-1:123456789012:key/', { Get: 'Parameters.KmsKeyId' }]), PARAMETERS),
    ).toEqual({ value: KEY });
    expect(resolveValue(join(['a', 'b', 3], '-'), PARAMETERS)).toEqual({ value: 'a-b-3' });
    expect(
      resolveValue(
        join(['arn:aws:kms:us-east-1:123456789012:key/', { Get: 'Parameters.OutputKmsKeyArn' }]),
        PARAMETERS,
      ),
    ).toEqual({
      unresolved: 'refers to parameter OutputKmsKeyArn, which has no default',
    });
  });

  it('joins with nothing when On is not text, and joins no parts when Values is not a list', () => {
    expect(resolveValue({ 'Std:Join': { Values: ['a', 'b'] } }, PARAMETERS)).toEqual({ value: 'ab' });
    expect(resolveValue({ 'Std:Join': { On: 1, Values: ['a', 'b'] } }, PARAMETERS)).toEqual({ value: 'ab' });
    expect(resolveValue({ 'Std:Join': { On: '/', Values: 'a' } }, PARAMETERS)).toEqual({ value: '' });
  });

  it('reports any other value as it is', () => {
    expect(resolveValue({ 'Std:JsonGet': { Path: 'kms.key' } }, PARAMETERS)).toEqual({
      unresolved: 'is {"Std:JsonGet":{"Path":"kms.key"}}',
    });
    expect(resolveValue([KEY], PARAMETERS)).toEqual({ unresolved: `is ["${KEY}"]` });
  });
});

describe('stepKeyFields', () => {
  it('reads Training steps as CreateTrainingJob requests', () => {
    expect(
      stepKeyFields(
        step('Training', { ResourceConfig: { VolumeKmsKeyId: KEY }, OutputDataConfig: { KmsKeyId: 'k2' } }),
      ),
    ).toEqual([
      ['ResourceConfig.VolumeKmsKeyId', KEY],
      ['OutputDataConfig.KmsKeyId', 'k2'],
    ]);
    expect(stepKeyFields(step('Training', {}))).toEqual([
      ['ResourceConfig.VolumeKmsKeyId', undefined],
      ['OutputDataConfig.KmsKeyId', undefined],
    ]);
  });

  it('reads Processing steps as CreateProcessingJob requests; no outputs, no output key', () => {
    expect(
      stepKeyFields(
        step('Processing', {
          ProcessingResources: { ClusterConfig: { VolumeKmsKeyId: KEY } },
          ProcessingOutputConfig: { Outputs: [] },
        }),
      ),
    ).toEqual([
      ['ProcessingResources.ClusterConfig.VolumeKmsKeyId', KEY],
      ['ProcessingOutputConfig.KmsKeyId', undefined],
    ]);
    expect(
      stepKeyFields(step('Processing', { ProcessingResources: { ClusterConfig: { VolumeKmsKeyId: KEY } } })),
    ).toEqual([['ProcessingResources.ClusterConfig.VolumeKmsKeyId', KEY]]);
  });

  it('reads a Processing or Transform step with parts of its request missing as keys not set', () => {
    expect(stepKeyFields(step('Processing', {}))).toEqual([
      ['ProcessingResources.ClusterConfig.VolumeKmsKeyId', undefined],
    ]);
    expect(stepKeyFields(step('Processing', { ProcessingResources: {}, ProcessingOutputConfig: null }))).toEqual([
      ['ProcessingResources.ClusterConfig.VolumeKmsKeyId', undefined],
      ['ProcessingOutputConfig.KmsKeyId', undefined],
    ]);
    expect(stepKeyFields(step('Transform', {}))).toEqual([
      ['TransformResources.VolumeKmsKeyId', undefined],
      ['TransformOutput.KmsKeyId', undefined],
    ]);
  });

  it('reads Transform steps as CreateTransformJob requests', () => {
    expect(
      stepKeyFields(
        step('Transform', { TransformResources: { VolumeKmsKeyId: KEY }, TransformOutput: { KmsKeyId: KEY } }),
      ),
    ).toEqual([
      ['TransformResources.VolumeKmsKeyId', KEY],
      ['TransformOutput.KmsKeyId', KEY],
    ]);
  });

  it('reads Tuning steps as CreateHyperParameterTuningJob requests, one or many training job definitions', () => {
    const definition = { ResourceConfig: { VolumeKmsKeyId: KEY }, OutputDataConfig: { KmsKeyId: KEY } };
    expect(stepKeyFields(step('Tuning', { TrainingJobDefinition: definition }))).toEqual([
      ['TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId', KEY],
      ['TrainingJobDefinition.OutputDataConfig.KmsKeyId', KEY],
    ]);
    expect(
      stepKeyFields(
        step('Tuning', {
          TrainingJobDefinitions: [definition, { HyperParameterTuningResourceConfig: { VolumeKmsKeyId: 'k3' } }],
        }),
      ),
    ).toEqual([
      ['TrainingJobDefinitions[0].ResourceConfig.VolumeKmsKeyId', KEY],
      ['TrainingJobDefinitions[0].OutputDataConfig.KmsKeyId', KEY],
      ['TrainingJobDefinitions[1].HyperParameterTuningResourceConfig.VolumeKmsKeyId', 'k3'],
      ['TrainingJobDefinitions[1].OutputDataConfig.KmsKeyId', undefined],
    ]);
    // A tuning step with no definition at all still has keys to ask for.
    expect(stepKeyFields(step('Tuning', {}))).toEqual([
      ['TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId', undefined],
      ['TrainingJobDefinition.OutputDataConfig.KmsKeyId', undefined],
    ]);
  });

  it('reads both forms of a Tuning step when it has both, and ResourceConfig over the flexible form', () => {
    const fixed = {
      ResourceConfig: { VolumeKmsKeyId: KEY },
      HyperParameterTuningResourceConfig: { VolumeKmsKeyId: 'k2' },
    };
    expect(stepKeyFields(step('Tuning', { TrainingJobDefinition: fixed, TrainingJobDefinitions: [fixed] }))).toEqual([
      ['TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId', KEY],
      ['TrainingJobDefinition.OutputDataConfig.KmsKeyId', undefined],
      ['TrainingJobDefinitions[0].ResourceConfig.VolumeKmsKeyId', KEY],
      ['TrainingJobDefinitions[0].OutputDataConfig.KmsKeyId', undefined],
    ]);
  });

  it('has no key fields for steps that run no job', () => {
    for (const type of [
      'Condition',
      'RegisterModel',
      'Model',
      'CreateModel',
      'Lambda',
      'Callback',
      'Fail',
      'EMR',
      'ClarifyCheck',
      'QualityCheck',
    ]) {
      expect(stepKeyFields(step(type, { ResourceConfig: {} }))).toBeUndefined();
    }
  });
});
