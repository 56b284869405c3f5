// Tracking in one account, under Pulumi mocks: each tracked type's schema-only package in a
// private bucket and its CloudFormation registration, the capture function with a least-privilege
// role and the registered versions in its environment, its EventBridge rules (the patterns match
// the events AWS documents, saved in fixtures/_tracking/events), and the rules on tracked types
// change-triggered on the recorded type names; with tracking off, today's periodic path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_MESSAGE_TYPES, PERIODIC_MESSAGE_TYPE } from '../../deploy/config-rule.js';
import { RECONCILE_SCHEDULE } from '../../deploy/tracking-events.js';
import { captureActions } from '../../deploy/tracking-grants.js';
import { TRACKING_ENV } from '../../rules/_tracking/handler.js';
import { TRACKED_RESOURCES } from '../../rules/_tracking/names.js';
import { targetsOf } from '../../rules/_tracking/targets.js';
import { ACCOUNT, asList, MOCK_VERSION_ID, policyDocuments, runDeploy, type DeployRun } from './harness.js';

const T = {
  bucket: 'aws:s3/bucket:Bucket',
  object: 'aws:s3/bucketObjectv2:BucketObjectv2',
  registration: 'aws:cloudformation/cloudFormationType:CloudFormationType',
  fn: 'aws:lambda/function:Function',
  permission: 'aws:lambda/permission:Permission',
  eventRule: 'aws:cloudwatch/eventRule:EventRule',
  eventTarget: 'aws:cloudwatch/eventTarget:EventTarget',
  rule: 'aws:cfg/rule:Rule',
};

const EVENTS = join(fileURLToPath(import.meta.url), '..', '..', '..', 'fixtures', '_tracking', 'events');
const fixtures = readdirSync(EVENTS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, event: JSON.parse(readFileSync(join(EVENTS, f), 'utf8')) }));

/**
 * EventBridge's matching for the pattern forms the deploy uses: a list matches a value in it (or,
 * for a list value, any of its elements), an object matches field by field
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).
 */
function matches(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, want]) => {
    const got = event[key];
    if (Array.isArray(want)) return asList(got).some((v) => want.includes(v));
    if (got === null || typeof got !== 'object') return false;
    return matches(want as Record<string, unknown>, got as Record<string, unknown>);
  });
}

/** Two rules on training jobs and one on endpoints (periodic without tracking), and one Config records. */
const RULES = [
  'sagemaker-training-job-volume-kms',
  'sagemaker-training-job-in-vpc',
  'sagemaker-endpoint-tagged',
  'sagemaker-notebook-kms-key',
].join(',');
const TRACKED_RULES = RULES.split(',').slice(0, 3);

const trackingResources = (run: DeployRun) => run.resources.filter((r) => r.name.startsWith('tracking'));

describe('tracking on (the default)', () => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await runDeploy({ rules: RULES });
  }, 60_000);

  it('uploads one schema-only package per tracked type, its key carrying a digest of its files', async () => {
    const objects = run.ofType(T.object);
    expect(objects.map((o) => o.name).sort()).toEqual(TRACKED_RESOURCES.map((r) => `tracking-packages-${r}`).sort());
    for (const object of objects) {
      const resource = object.name.replace('tracking-packages-', '');
      expect(object.inputs.bucket).toBe(run.named('tracking-packages-bucket').state!.id);
      expect(object.inputs.key).toMatch(new RegExp(`^schemas/MLConfigRules-SageMaker-${resource}/[0-9a-f]{16}\\.zip$`));
      expect(object.inputs.contentType).toBe('application/zip');
      // The zip the CloudFormation CLI builds for a type without handlers: the schema and .rpdk-config.
      const assets = await (object.inputs.source as pulumi.asset.AssetArchive).assets;
      expect(Object.keys(assets).sort()).toEqual(['.rpdk-config', 'schema.json']);
      const schema = JSON.parse(await (assets['schema.json'] as pulumi.asset.StringAsset).text);
      expect(schema.typeName).toBe(`MLConfigRules::SageMaker::${resource}`);
      expect(schema.handlers, 'a schema-only package has no handlers').toBeUndefined();
      const rpdk = JSON.parse(await (assets['.rpdk-config'] as pulumi.asset.StringAsset).text);
      expect(rpdk.typeName).toBe(schema.typeName);
      // Uploaded only once the bucket's policy and settings are in place.
      expect(object.dependsOn).toEqual(
        expect.arrayContaining(['tracking-packages-bucket-policy', 'tracking-packages-encryption']),
      );
    }
  });

  it('keeps the packages in a private, versioned, encrypted bucket that refuses requests without TLS', () => {
    const bucket = run.named('tracking-packages-bucket');
    expect(bucket.inputs.bucket).toBe(`ml-config-tracking-${ACCOUNT}-us-east-1`);
    expect(run.named('tracking-packages-public-access').inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(run.named('tracking-packages-versioning').inputs.versioningConfiguration.status).toBe('Enabled');
    const sse = run.named('tracking-packages-encryption').inputs.rules[0].applyServerSideEncryptionByDefault;
    expect(sse).toEqual({ sseAlgorithm: 'aws:kms' });
    const policy = JSON.parse(run.named('tracking-packages-bucket-policy').inputs.policy);
    // One account: no statement lets anyone in, one denies requests without TLS.
    expect(policy.Statement.map((s: any) => [s.Sid, s.Effect])).toEqual([['DenyInsecureTransport', 'Deny']]);
  });

  it('registers each type from its package, replaced delete-first, and gives the capture function the registered versions', () => {
    const registrations = run.ofType(T.registration);
    expect(registrations).toHaveLength(TRACKED_RESOURCES.length);
    for (const resource of TRACKED_RESOURCES) {
      const registration = run.named(`tracking-type-${resource}`);
      const object = run.named(`tracking-packages-${resource}`);
      expect(registration.inputs).toEqual({
        type: 'RESOURCE',
        typeName: `MLConfigRules::SageMaker::${resource}`,
        schemaHandlerPackage: `s3://${object.inputs.bucket}/${object.inputs.key}`,
      });
      expect(registration.dependsOn).toContain(object.name);
      expect(registration.deleteBeforeReplace, resource).toBe(true);
    }
    const env = run.named('tracking-capture-function').inputs.environment.variables;
    expect(JSON.parse(env[TRACKING_ENV.schemaVersions])).toEqual(
      Object.fromEntries(TRACKED_RESOURCES.map((r) => [r, MOCK_VERSION_ID])),
    );
    expect(env[TRACKING_ENV.namespace]).toBe('MLConfigRules');
    expect(env[TRACKING_ENV.retentionDays]).toBe('90');
    // No member role outside organization mode.
    expect(Object.keys(env).sort()).toEqual(Object.values(TRACKING_ENV).sort());
  });

  it('runs the capture bundle with bounded logs', () => {
    const fn = run.named('tracking-capture-function').inputs;
    expect(fn).toMatchObject({
      name: 'ml-config-tracking-capture',
      handler: 'index.handler',
      timeout: 900,
      loggingConfig: { logGroup: '/aws/lambda/ml-config-tracking-capture' },
    });
    expect(run.named('tracking-capture-logs').inputs.retentionInDays).toBe(30);
  });

  it("grants the capture function only the SageMaker reads it makes, Config's recording calls and its own logs", () => {
    const trust = JSON.parse(run.named('tracking-capture-role').inputs.assumeRolePolicy);
    expect(trust.Statement.map((s: any) => s.Principal)).toEqual([{ Service: 'lambda.amazonaws.com' }]);
    const statements = JSON.parse(run.named('tracking-capture-policy').inputs.policy).Statement;
    const granted = statements.flatMap((s: any) => asList(s.Action)).sort();
    expect(granted).toEqual([...captureActions(), 'logs:CreateLogStream', 'logs:PutLogEvents'].sort());
    expect(granted).toEqual(
      expect.arrayContaining([
        'config:PutResourceConfig',
        'config:DeleteResourceConfig',
        'sagemaker:DescribeTrainingJob',
        'sagemaker:ListTrainingJobs',
      ]),
    );
    for (const action of granted) expect(action).toMatch(/^(sagemaker|config|logs):[A-Za-z]+$/);
    // No write to SageMaker, no role to assume, nothing of CloudFormation in one account.
    expect(granted.filter((a: string) => /^sagemaker:(Create|Update|Delete|Stop|Add)/.test(a))).toEqual([]);
    expect(granted.some((a: string) => a.startsWith('sts:') || a.startsWith('cloudformation:'))).toBe(false);
    // The Describe calls on this account's and Region's resources only.
    const describe = statements.find((s: any) => asList(s.Action).includes('sagemaker:DescribeTrainingJob'));
    expect(describe.Resource).toBe(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:*`);
    const logs = statements.find((s: any) => s.Sid === 'WriteOwnLogs');
    expect(logs.Resource).toBe(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/ml-config-tracking-capture:*`);
  });

  it('subscribes the capture to the SageMaker state changes and CloudTrail API calls AWS documents, and to a daily reconcile', () => {
    const byName = (n: string) => run.named(`tracking-default-${n}`);
    const stateChanges = JSON.parse(byName('state-changes').inputs.eventPattern);
    const apiCalls = JSON.parse(byName('api-calls').inputs.eventPattern);
    expect(stateChanges.source).toEqual(['aws.sagemaker']);
    expect(apiCalls).toMatchObject({
      source: ['aws.sagemaker'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['sagemaker.amazonaws.com'] },
    });
    expect(byName('reconcile').inputs.scheduleExpression).toBe(RECONCILE_SCHEDULE);
    expect(byName('reconcile').inputs.eventPattern).toBeUndefined();
    expect(byName('state-changes').inputs.name).toBe('ml-config-tracking-state-changes');
    // Every saved event is matched by exactly one rule, and names a resource the capture records.
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const { file, event } of fixtures) {
      const matched = [stateChanges, apiCalls].filter((p) => matches(p, event));
      expect(matched, file).toHaveLength(1);
      expect(targetsOf(event).length, file).toBeGreaterThan(0);
    }
    // Create, update, delete and tag calls of each kind are all in the pattern.
    for (const call of ['CreateTrainingJob', 'UpdateEndpoint', 'DeleteEndpoint', 'AddTags', 'DeleteTags'])
      expect(apiCalls.detail.eventName, call).toContain(call);
    // A call the capture does not read, or another service, is not matched.
    const other = structuredClone(fixtures.find((f) => f.file.startsWith('cloudtrail-'))!.event);
    other.detail.eventName = 'ListEndpoints';
    expect(matches(apiCalls, other)).toBe(false);
    expect(matches(stateChanges, { source: 'aws.s3', 'detail-type': 'SageMaker Endpoint State Change' })).toBe(false);
  });

  it("lets each EventBridge rule invoke the capture, bound to that rule's ARN", () => {
    const fnArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ml-config-tracking-capture`;
    const rules = run.ofType(T.eventRule).filter((r) => r.parent === 'tracking');
    expect(rules.map((r) => r.name).sort()).toEqual(
      ['tracking-default-api-calls', 'tracking-default-reconcile', 'tracking-default-state-changes'].sort(),
    );
    for (const rule of rules) {
      const permission = run.named(`${rule.name}-invoke`).inputs;
      expect(permission).toMatchObject({
        action: 'lambda:InvokeFunction',
        function: 'ml-config-tracking-capture',
        principal: 'events.amazonaws.com',
        sourceArn: rule.state!.arn,
      });
      const target = run.named(`${rule.name}-target`);
      expect(target.inputs).toMatchObject({ rule: rule.inputs.name, arn: fnArn });
      expect(target.dependsOn).toContain(`${rule.name}-invoke`);
    }
  });

  it('triggers the rules on tracked types on change of the recorded type, scoped to it, with no schedule', () => {
    const expected: Record<string, string> = {
      'sagemaker-training-job-volume-kms': 'MLConfigRules::SageMaker::TrainingJob',
      'sagemaker-training-job-in-vpc': 'MLConfigRules::SageMaker::TrainingJob',
      'sagemaker-endpoint-tagged': 'MLConfigRules::SageMaker::Endpoint',
    };
    for (const id of TRACKED_RULES) {
      const rule = run.named(`${id}-rule`);
      const details = rule.inputs.source.sourceDetails;
      expect(details.map((d: any) => d.messageType).sort(), id).toEqual([...CHANGE_MESSAGE_TYPES].sort());
      expect(
        details.some((d: any) => d.maximumExecutionFrequency),
        id,
      ).toBe(false);
      expect(rule.inputs.scope, id).toEqual({ complianceResourceTypes: [expected[id]] });
      // It waits for the type's registration, and is replaced (deleted first) when its triggers or scope change.
      const resource = expected[id]!.split('::')[2];
      expect(rule.dependsOn, id).toContain(`tracking-type-${resource}`);
      expect(rule.deleteBeforeReplace, id).toBe(true);
      expect(rule.replaceOnChanges, id).toEqual(['source.sourceDetails', 'scope']);
      // Its function lists nothing: no SageMaker List call, no scheduled run's reads.
      const granted = JSON.parse(run.named(`${id}-policy`).inputs.policy)
        .Statement.flatMap((s: any) => asList(s.Action))
        .sort();
      expect(
        granted.filter((a: string) => a.startsWith('sagemaker:')),
        id,
      ).toEqual([]);
      expect(granted, id).toContain('config:GetResourceConfigHistory');
      expect(granted, id).not.toContain('config:GetComplianceDetailsByConfigRule');
    }
    // A rule on a type Config records is as before.
    expect(run.named('sagemaker-notebook-kms-key-rule').inputs.scope).toEqual({
      complianceResourceTypes: ['AWS::SageMaker::NotebookInstance'],
    });
  });

  it('puts no wildcard action and no open principal in any of its policies', () => {
    for (const { resource, document } of policyDocuments(run).filter((d) => d.resource.startsWith('tracking'))) {
      for (const s of asList<any>(document.Statement)) {
        if (s.Effect !== 'Allow') continue;
        for (const action of asList<string>(s.Action)) expect(action, resource).not.toContain('*');
        expect(JSON.stringify(s.Principal ?? null), resource).not.toMatch(/"\*"/);
      }
    }
  });

  it('exports the capture function and the tracked type names', () => {
    expect(run.deployed.tracking?.registrations.map((r) => r.typeName).sort()).toEqual(
      TRACKED_RESOURCES.map((r) => `MLConfigRules::SageMaker::${r}`).sort(),
    );
  });
});

describe('tracking with its own namespace and retention', () => {
  it('registers the types under the namespace, scopes the rules by it and passes the retention on', async () => {
    const run = await runDeploy({
      rules: 'sagemaker-pipeline-tagged',
      trackingNamespace: 'AcmeML',
      trackingRetentionDays: '30',
    });
    expect(run.ofType(T.registration).map((r) => r.inputs.typeName)).toContain('AcmeML::SageMaker::Pipeline');
    expect(run.named('sagemaker-pipeline-tagged-rule').inputs.scope).toEqual({
      complianceResourceTypes: ['AcmeML::SageMaker::Pipeline'],
    });
    const env = run.named('tracking-capture-function').inputs.environment.variables;
    expect(env[TRACKING_ENV.namespace]).toBe('AcmeML');
    expect(env[TRACKING_ENV.retentionDays]).toBe('30');
  }, 60_000);
});

describe('tracking off', () => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await runDeploy({ rules: RULES, tracking: 'off' });
  }, 60_000);

  it('creates nothing of tracking', () => {
    expect(trackingResources(run)).toEqual([]);
    expect(run.ofType(T.registration)).toEqual([]);
    expect(run.ofType(T.object)).toEqual([]);
    expect(run.deployed.tracking).toBeUndefined();
  });

  it("keeps today's periodic path for the rules on those types: a daily schedule, no scope, the listing's grants", () => {
    for (const id of TRACKED_RULES) {
      const rule = run.named(`${id}-rule`);
      expect(rule.inputs.source.sourceDetails, id).toEqual([
        expect.objectContaining({ messageType: PERIODIC_MESSAGE_TYPE, maximumExecutionFrequency: 'TwentyFour_Hours' }),
      ]);
      expect(rule.inputs.scope, id).toBeUndefined();
      expect(
        rule.dependsOn.some((d) => d.startsWith('tracking-')),
        id,
      ).toBe(false);
      // Replaced, not updated, when tracking is turned on again.
      expect(rule.deleteBeforeReplace, id).toBe(true);
      const granted = JSON.parse(run.named(`${id}-policy`).inputs.policy).Statement.flatMap((s: any) =>
        asList(s.Action),
      );
      expect(
        granted.some((a: string) => /^sagemaker:List(TrainingJobs|Endpoints)$/.test(a)),
        id,
      ).toBe(true);
    }
  });
});
