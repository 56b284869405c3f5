// The types the pack records in AWS Config itself: their schemas follow CloudFormation's resource
// schema, what is recorded is the projection of the Describe output with every planted secret
// replaced, a configuration over 64 KB is trimmed the same way every time, events name the right
// resources, and the capture sends a request only when Config's item differs.
import {
  ConfigServiceClient,
  DeleteResourceConfigCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  PutResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeModelPackageGroupCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListMonitoringSchedulesCommand,
  ListPipelinesCommand,
  ListProcessingJobsCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { mockClient } from 'aws-sdk-client-mock';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateEvent } from '../rules/_core/engine.js';
import { parseEvent } from '../rules/_core/event.js';
import { canonical, planRequest, type TrackingRequest } from '../rules/_tracking/capture.js';
import { reduceDefinition, scrubDefinition } from '../rules/_tracking/definition.js';
import { runTracking } from '../rules/_tracking/handler.js';
import { awsTypeOf, namespaceProblem, trackedResourceOf } from '../rules/_tracking/names.js';
import { planReconcile } from '../rules/_tracking/reconcile.js';
import { project, readFields, resourceSchema } from '../rules/_tracking/schema.js';
import { targetsOf } from '../rules/_tracking/targets.js';
import { CONFIGURATION_MAX_BYTES, ConfigurationTooLargeError, fitConfiguration } from '../rules/_tracking/trim.js';
import { specOf, trackedTypes } from '../rules/_tracking/types.js';
import { ruleById, rules } from '../rules/index.js';
import * as readSchemas from '../rules/_core/schemas/sagemaker.js';
import { fieldNames } from '../rules/_core/schemas/fields.js';
import { readJsonFile } from '../cli/local/fixtures.js';
import { FIXTURES_DIR } from '../cli/paths.js';
import {
  ACCOUNT,
  endpoint,
  modelPackage,
  modelPackageGroup,
  PLANTED,
  pipeline,
  pipelineDefinition,
  processingJob,
  TAGS,
  trainingJob,
} from './support/tracking.js';

const NS = 'MLConfigRules';
const types = trackedTypes(NS);
const EVENTS = join(FIXTURES_DIR, '_tracking', 'events');
const event = (name: string) => readJsonFile(join(EVENTS, name)) as any;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

describe('tracked type schemas', () => {
  it.each(types.map((t) => [t.typeName, t] as const))('%s follows the resource schema rules', (_name, type) => {
    const schema = resourceSchema(type.spec, type.typeName) as any;
    // Meta-schema: required keys, the three-part type name, no undeclared properties anywhere
    // (https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html).
    for (const key of ['typeName', 'properties', 'description', 'primaryIdentifier', 'additionalProperties'])
      expect(schema, key).toHaveProperty(key);
    expect(schema.typeName).toMatch(/^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$/);
    expect(schema.additionalProperties).toBe(false);
    for (const name of Object.keys(schema.properties)) expect(name).toMatch(/^[A-Za-z0-9]{1,64}$/);
    for (const [name, def] of Object.entries<any>(schema.definitions ?? {})) {
      expect(def.additionalProperties, name).toBe(false);
      for (const prop of Object.keys(def.properties)) expect(prop).toMatch(/^[A-Za-z0-9]{1,64}$/);
    }
    const refs = JSON.stringify(schema).match(/#\/definitions\/[A-Za-z0-9]+/g) ?? [];
    for (const ref of refs) expect(schema.definitions, ref).toHaveProperty(ref.split('/').pop()!);
    expect(schema.primaryIdentifier).toEqual([`/properties/${type.spec.primaryIdentifier}`]);
    expect(schema.readOnlyProperties).toHaveLength(Object.keys(schema.properties).length);
    // A schema with no handlers registers as a non-provisionable type Config records from PutResourceConfig.
    expect(schema.handlers).toBeUndefined();
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('keeps every field the rules read, and marks it so trimming never drops it', () => {
    const read = {
      TrainingJob: readSchemas.trainingJob,
      Endpoint: readSchemas.endpoint,
      ModelPackageGroup: readSchemas.modelPackageGroup,
    };
    for (const [resource, schema] of Object.entries(read)) {
      const spec = specOf(resource as never);
      const fields = fieldNames(schema);
      expect(fields.length, resource).toBeGreaterThan(0);
      for (const field of fields) expect(readFields(spec), `${resource}.${field}`).toContain(field);
    }
    expect(readFields(specOf('Pipeline'))).toContain('PipelineDefinition');
  });

  it('refuses the namespaces AWS reserves and names that are not letters and digits', () => {
    for (const reserved of ['AWS', 'aws', 'Amazon', 'AMZN', 'Alexa', 'Custom', 'custom', 'Dev'])
      expect(namespaceProblem(reserved), reserved).toMatch(/reserved/);
    expect(namespaceProblem('ml_rules')).toMatch(/letters and digits/);
    expect(namespaceProblem('M')).toMatch(/2 to 64/);
    expect(namespaceProblem(NS)).toBeUndefined();
  });

  it('maps a recorded type name back to the AWS type its rules name, whatever the namespace', () => {
    expect(awsTypeOf('Acme::SageMaker::TrainingJob')).toBe('AWS::SageMaker::TrainingJob');
    expect(awsTypeOf('AWS::SageMaker::Model')).toBe('AWS::SageMaker::Model');
    expect(trackedResourceOf('Acme::SageMaker::Workteam')).toBeUndefined();
  });
});

describe('what is recorded', () => {
  const recorded = (resource: Parameters<typeof specOf>[0], described: object) =>
    JSON.stringify(project(specOf(resource), JSON.parse(JSON.stringify(described))));

  const cases = [
    ['TrainingJob', trainingJob('fraud-train-2026-11-30', 'Completed')],
    ['ProcessingJob', processingJob('fraud-features-2026-11-30')],
    ['Endpoint', endpoint('fraud-scorer', 'fraud-scorer-config-v7')],
    ['Pipeline', { ...pipeline('fraud-detection'), PipelineDefinition: scrubDefinition(pipelineDefinition()) }],
    ['ModelPackage', modelPackage('fraud-detection-models', 7, 'Approved')],
    ['ModelPackageGroup', modelPackageGroup('fraud-detection-models')],
  ] as const;

  it.each(cases)('%s: holds no planted secret', (resource, described) => {
    const text = recorded(resource, described);
    for (const [name, value] of Object.entries(PLANTED)) expect(text, name).not.toContain(value);
  });

  it.each(cases)('%s: validates against its registered schema', (resource, described) => {
    const type = types.find((t) => t.resource === resource)!;
    const validate = ajv.compile(resourceSchema(type.spec, type.typeName));
    const configuration = JSON.parse(recorded(resource, described));
    expect(validate(configuration), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps the names of environment variables and hyperparameters and the number of arguments, not their values', () => {
    const job = JSON.parse(recorded('TrainingJob', trainingJob('fraud-train-2026-11-30', 'InProgress')));
    expect(job.HyperParameters).toEqual({
      max_depth: 'REDACTED',
      eta: 'REDACTED',
      objective: 'REDACTED',
      hf_token: 'REDACTED',
    });
    expect(Object.keys(job.Environment)).toEqual(['DB_PASSWORD', 'MLFLOW_TRACKING_URI']);
    expect(job.AlgorithmSpecification.ContainerArguments).toEqual(['REDACTED', 'REDACTED', 'REDACTED', 'REDACTED']);
    // What the rules read stays as it was.
    expect(job.OutputDataConfig.KmsKeyId).toMatch(/^arn:aws:kms:/);
    expect(job.VpcConfig.Subnets).toEqual(['subnet-0f1e2d3c4b5a69788']);
    expect(job.CreationTime).toBe('2026-11-30T08:00:00.000Z');
  });

  it("drops a presigned URL's signature and keeps the rest of the URL", () => {
    const pkg = JSON.parse(recorded('ModelPackage', modelPackage('fraud-detection-models', 7, 'Approved')));
    expect(pkg.CustomerMetadataProperties['report-url']).toBe(
      `https://fraud-reports-${ACCOUNT}.s3.amazonaws.com/auc.html?REDACTED`,
    );
    expect(pkg.LastModifiedBy.UserProfileName).toBe('maria-risk-reviewer');
    expect(pkg.ModelApprovalStatus).toBe('Approved');
  });

  it("redacts a pipeline parameter's default under a secret's name, and keeps the KMS key parameter", () => {
    const definition = JSON.parse(scrubDefinition(pipelineDefinition()));
    const byName = Object.fromEntries(definition.Parameters.map((p: any) => [p.Name, p.DefaultValue]));
    expect(byName.DbPassword).toBe('REDACTED');
    expect(byName.KmsKey).toMatch(/^arn:aws:kms:/);
    expect(JSON.stringify(definition)).not.toContain(PLANTED.slackWebhook);
  });
});

describe('configurations over 64 KB', () => {
  const spec = specOf('Pipeline');
  const large = pipelineDefinition(80_000);
  const configuration = project(spec, { ...pipeline('fraud-detection', scrubDefinition(large)) } as never);

  it('reduce the pipeline definition to what the encryption rule reads, the same way every time', () => {
    expect(Buffer.byteLength(JSON.stringify(configuration))).toBeGreaterThan(CONFIGURATION_MAX_BYTES);
    const fitted = fitConfiguration(spec, 'fraud-detection', configuration);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(CONFIGURATION_MAX_BYTES);
    expect(fitted.TrimmedFields).toEqual([expect.stringMatching(/^PipelineDefinition \(reduced/)]);
    expect(canonical(fitConfiguration(spec, 'fraud-detection', configuration))).toBe(canonical(fitted));
  });

  it('give the encryption rule the verdict the whole definition gives', async () => {
    const rule = ruleById('sagemaker-pipeline-steps-encrypted')!;
    const verdictOf = async (definition: string) => {
      const item = {
        resourceType: 'AWS::SageMaker::Pipeline',
        resourceId: 'fraud-detection',
        configurationItemStatus: 'OK',
        configurationItemCaptureTime: '2026-11-30T16:00:00.000Z',
        tags: {},
        configuration: { PipelineDefinition: definition },
        supplementaryConfiguration: {},
      };
      const result = await evaluateEvent(rule, parseEvent(changeEvent(item)), noSources);
      return result.evaluations[0];
    };
    const whole = await verdictOf(large);
    const reduced = await verdictOf(reduceDefinition(large)!);
    expect(reduced).toEqual(whole);
    expect(whole?.ComplianceType).toBe('NON_COMPLIANT');
  });

  it('are refused, loudly, when the fields rules read alone exceed the limit', () => {
    const huge = { ...configuration, PipelineDefinition: `"${'y'.repeat(70_000)}"` };
    expect(() => fitConfiguration(spec, 'fraud-detection', huge)).toThrow(ConfigurationTooLargeError);
  });

  it('leave out the largest fields no rule reads first', () => {
    const job = project(specOf('TrainingJob'), JSON.parse(JSON.stringify(trainingJob('fraud-train-big', 'Completed'))));
    const padded = { ...job, FailureReason: 'z'.repeat(70_000) };
    const fitted = fitConfiguration(specOf('TrainingJob'), 'fraud-train-big', padded);
    expect(fitted.TrimmedFields).toEqual(['FailureReason']);
    expect(fitted.ResourceConfig).toEqual(job.ResourceConfig);
  });
});

describe('which resources an event is about', () => {
  it('reads the documented state-change events', () => {
    expect(targetsOf(event('training-job-state-change.json'))).toEqual([
      { resource: 'TrainingJob', id: '89c96cc8-dded-4739-afcc-6f1dc936701d' },
    ]);
    expect(targetsOf(event('endpoint-state-change.json'))).toEqual([{ resource: 'Endpoint', id: 'MyEndpoint' }]);
    // The page's example declares `source` twice; parsed, it is a list.
    expect(targetsOf(event('model-package-state-change.json'))).toEqual([
      {
        resource: 'ModelPackage',
        id: 'arn:aws:sagemaker:us-east-2:123456789012:model-package/versionedmp-p-idy6c3e1fiqj/2',
      },
      { resource: 'ModelPackageGroup', id: 'versionedmp-p-idy6c3e1fiqj' },
    ]);
    expect(targetsOf(event('pipeline-execution-status-change.json'))).toEqual([
      {
        resource: 'PipelineExecution',
        id: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/myPipeline-123/execution/p4jn9xou8a8s',
      },
    ]);
  });

  it('reads CloudTrail API calls by their request parameters, and ignores failed calls', () => {
    const created = event('cloudtrail-create-endpoint.json');
    expect(targetsOf(created)).toEqual([{ resource: 'Endpoint', id: 'ExampleEndpoint' }]);
    expect(targetsOf({ ...created, detail: { ...created.detail, errorCode: 'ValidationException' } })).toEqual([]);
    const tagged = {
      ...created,
      detail: {
        ...created.detail,
        eventName: 'AddTags',
        requestParameters: {
          resourceArn: 'arn:aws:sagemaker:us-west-2:123456789012:training-job/churn-train-7',
          tags: [],
        },
      },
    };
    expect(targetsOf(tagged)).toEqual([{ resource: 'TrainingJob', id: 'churn-train-7' }]);
    expect(targetsOf({ ...created, source: 'aws.ec2' })).toEqual([]);
  });
});

// Config and SageMaker as the SDK sees them; Config's item store is a map the mocks read and write.
const sagemaker = mockClient(SageMakerClient);
const config = mockClient(ConfigServiceClient);
afterAll(() => {
  sagemaker.restore();
  config.restore();
});
const stored = new Map<string, { configuration: string; tags: Record<string, string> }>();
const options = () => ({
  sagemaker: new SageMakerClient({ region: 'us-east-1' }),
  config: new ConfigServiceClient({ region: 'us-east-1' }),
  namespace: NS,
  schemaVersions: { TrainingJob: '00000001', Endpoint: '00000001', Pipeline: '00000002' },
});
const notFound = () => Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFound' });

beforeEach(() => {
  sagemaker.reset();
  config.reset();
  stored.clear();
  sagemaker.on(ListTagsCommand).resolves({ Tags: TAGS });
  sagemaker.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
  config.on(GetResourceConfigHistoryCommand).callsFake((input) => {
    const item = stored.get(`${input.resourceType} ${input.resourceId}`);
    if (!item) throw Object.assign(new Error('not discovered'), { name: 'ResourceNotDiscoveredException' });
    return { configurationItems: [{ configurationItemStatus: 'OK', ...item }] };
  });
  config.on(PutResourceConfigCommand).callsFake((input) => {
    stored.set(`${input.ResourceType} ${input.ResourceId}`, {
      configuration: input.Configuration,
      tags: input.Tags ?? {},
    });
    return {};
  });
  config.on(DeleteResourceConfigCommand).callsFake((input) => {
    stored.delete(`${input.ResourceType} ${input.ResourceId}`);
    return {};
  });
});

const trainingEvent = (name: string) => ({
  ...event('training-job-state-change.json'),
  detail: { ...event('training-job-state-change.json').detail, TrainingJobName: name },
});

describe('the capture', () => {
  it('records a training job from InProgress to Completed, skips an event that changes nothing, and deletes it once gone', async () => {
    const name = 'fraud-train-2026-11-30';
    sagemaker.on(DescribeTrainingJobCommand).resolves(trainingJob(name, 'InProgress'));
    const first = await runTracking(trainingEvent(name), options());
    expect(first.requests.map((r) => r.operation)).toEqual(['PutResourceConfig']);
    const put = first.requests[0] as Extract<TrackingRequest, { operation: 'PutResourceConfig' }>;
    expect(put).toMatchObject({
      ResourceType: 'MLConfigRules::SageMaker::TrainingJob',
      ResourceId: name,
      ResourceName: name,
      SchemaVersionId: '00000001',
    });
    expect(JSON.parse(put.Configuration).TrainingJobStatus).toBe('InProgress');
    expect(put.Tags['deploy-token']).toBe('REDACTED');
    expect(put.Tags['ml-pipeline']).toBe('fraud-detection');

    // SageMaker sends several events per change: the same state costs a read, not an item.
    const again = await runTracking(trainingEvent(name), options());
    expect(again).toEqual({ requests: [], unchanged: 1 });

    sagemaker.on(DescribeTrainingJobCommand).resolves(trainingJob(name, 'Completed'));
    const done = await runTracking(trainingEvent(name), options());
    expect(JSON.parse((done.requests[0] as any).Configuration).TrainingJobStatus).toBe('Completed');

    sagemaker.on(DescribeTrainingJobCommand).rejects(notFound());
    const gone = await runTracking(trainingEvent(name), options());
    expect(gone.requests).toEqual([
      { operation: 'DeleteResourceConfig', ResourceType: 'MLConfigRules::SageMaker::TrainingJob', ResourceId: name },
    ]);
    expect(config.commandCalls(PutResourceConfigCommand)).toHaveLength(2);
    expect(config.commandCalls(DeleteResourceConfigCommand)).toHaveLength(1);
    // A second deletion event finds nothing recorded: nothing to send.
    expect((await runTracking(trainingEvent(name), options())).requests).toEqual([]);
  });

  it('sends nothing in a dry run', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(trainingJob('fraud-train-dry', 'InProgress'));
    const run = await runTracking(trainingEvent('fraud-train-dry'), { ...options(), dryRun: true });
    expect(run.requests).toHaveLength(1);
    expect(config.commandCalls(PutResourceConfigCommand)).toHaveLength(0);
  });

  it('fails loudly for a type whose schema version it was not given', async () => {
    sagemaker.on(DescribeModelPackageGroupCommand).resolves(modelPackageGroup('fraud-detection-models'));
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
    await expect(
      planRequest({ resource: 'ModelPackageGroup', id: 'fraud-detection-models' }, options()),
    ).rejects.toThrow(/no registered schema version for MLConfigRules::SageMaker::ModelPackageGroup/);
  });
});

describe('rules on recorded items', () => {
  it('evaluate a tracked training job under its recorded type, with the same verdict as the inventory item', async () => {
    const rule = ruleById('sagemaker-training-job-volume-kms')!;
    const job = project(
      specOf('TrainingJob'),
      JSON.parse(JSON.stringify(trainingJob('fraud-train-plain', 'Completed'))),
    );
    const item = {
      resourceType: 'MLConfigRules::SageMaker::TrainingJob',
      resourceId: 'fraud-train-plain',
      configurationItemStatus: 'ResourceDiscovered',
      configurationItemCaptureTime: '2026-11-30T09:42:31.000Z',
      tags: { 'ml-pipeline': 'fraud-detection' },
      configuration: job,
      supplementaryConfiguration: {},
    };
    const result = await evaluateEvent(rule, parseEvent(changeEvent(item)), noSources);
    expect(result.evaluations).toEqual([
      {
        ComplianceResourceType: 'MLConfigRules::SageMaker::TrainingJob',
        ComplianceResourceId: 'fraud-train-plain',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'ResourceConfig.VolumeKmsKeyId is not set',
        OrderingTimestamp: '2026-11-30T09:42:31.000Z',
      },
    ]);
  });

  it('cover every rule on a trackable type', () => {
    const trackable = rules.filter((r) =>
      r.resourceTypes.some((t) => trackedResourceOf(t.replace('AWS::', 'MLConfigRules::'))),
    );
    expect(trackable.map((r) => r.id).sort()).toContain('sagemaker-endpoint-monitoring-scheduled');
    expect(trackable.length).toBeGreaterThanOrEqual(10);
  });
});

describe('the reconcile', () => {
  it('records what the events missed and deletes what is gone or older than the retention window', async () => {
    const now = new Date('2026-12-01T00:00:00Z');
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: [
        {
          TrainingJobName: 'fraud-train-2026-11-30',
          TrainingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/fraud-train-2026-11-30`,
          CreationTime: new Date('2026-11-30T08:00:00Z'),
          TrainingJobStatus: 'Completed',
        },
      ],
    });
    sagemaker.on(DescribeTrainingJobCommand).resolves(trainingJob('fraud-train-2026-11-30', 'Completed'));
    sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [] });
    for (const Command of [
      ListProcessingJobsCommand,
      ListPipelinesCommand,
      ListModelPackagesCommand,
      ListModelPackageGroupsCommand,
    ])
      sagemaker.on(Command as never).resolves({});
    config.on(ListDiscoveredResourcesCommand).callsFake((input) => ({
      resourceIdentifiers:
        input.resourceType === 'MLConfigRules::SageMaker::TrainingJob'
          ? [{ resourceId: 'fraud-train-2026-08-01' }, { resourceId: 'fraud-train-2026-11-30' }]
          : [],
    }));
    const requests = await planReconcile({ ...options(), retentionDays: 30, now });
    expect(requests.map((r) => [r.operation, r.ResourceId])).toEqual([
      ['PutResourceConfig', 'fraud-train-2026-11-30'],
      ['DeleteResourceConfig', 'fraud-train-2026-08-01'],
    ]);
    const listed = sagemaker.commandCalls(ListTrainingJobsCommand)[0]!.args[0].input;
    expect(listed.CreationTimeAfter).toEqual(new Date('2026-11-01T00:00:00Z'));
  });
});

/** A change notification for an item, as Config invokes a rule with it. */
function changeEvent(item: object) {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify({
      configurationItem: { ...item, awsAccountId: ACCOUNT, awsRegion: 'us-east-1' },
      notificationCreationTime: '2026-11-30T09:42:40.112Z',
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    }),
    ruleParameters: '{}',
    resultToken: 'TESTMODE',
    eventLeftScope: false,
    accountId: ACCOUNT,
  };
}

const noSources = {
  getItem: async () => undefined,
  listItems: async () => [],
  batchGet: async () => [],
};

it('has one fixture per documented event shape', () => {
  expect(readdirSync(EVENTS).sort()).toEqual([
    'cloudtrail-create-endpoint.json',
    'endpoint-state-change.json',
    'model-package-state-change.json',
    'pipeline-execution-status-change.json',
    'training-job-state-change.json',
  ]);
});
