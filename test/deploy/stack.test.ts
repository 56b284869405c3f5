// The deploy program in one account, under Pulumi mocks: per selected rule one Config rule, one
// function and one invoke permission, wired with the right message types, frequency, scope and
// parameters; the recorder in the order Config requires; least-privilege IAM; remediation; and
// notifications for the pack's rules only. Tracking is on by default (its own resources are
// tested in tracking.test.ts); the selection below runs with it off, today's periodic path.
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_MESSAGE_TYPES, PERIODIC_MESSAGE_TYPE, triggersOf } from '../../deploy/config-rule.js';
import { compliancePatterns, MESSAGE_PATHS, PATTERN_MAX } from '../../deploy/notifications.js';
import { isRecordable, isScheduled } from '../../rules/_core/recording.js';
import { frequencyOf } from '../../rules/_core/rule.js';
import { ruleById, rules } from '../../rules/index.js';
import { ACCOUNT, asList, policyDocuments, runDeploy, type DeployRun } from './harness.js';

const T = {
  rule: 'aws:cfg/rule:Rule',
  fn: 'aws:lambda/function:Function',
  permission: 'aws:lambda/permission:Permission',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  role: 'aws:iam/role:Role',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  recorder: 'aws:cfg/recorder:Recorder',
  channel: 'aws:cfg/deliveryChannel:DeliveryChannel',
  status: 'aws:cfg/recorderStatus:RecorderStatus',
  bucket: 'aws:s3/bucket:Bucket',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  remediation: 'aws:cfg/remediationConfiguration:RemediationConfiguration',
  eventRule: 'aws:cloudwatch/eventRule:EventRule',
  eventTarget: 'aws:cloudwatch/eventTarget:EventTarget',
  orgRule: 'aws:cfg/organizationCustomRule:OrganizationCustomRule',
  aggregator: 'aws:cfg/configurationAggregator:ConfigurationAggregator',
};

/** The rule pack's own resources of a type (tracking has a function, log group and permissions too). */
const ofPack = (run: DeployRun, type: string) => run.ofType(type).filter((r) => r.parent === 'rules');
const TRACKING = { tracking: true, namespace: 'MLConfigRules' };

describe('every rule of the registry (default configuration)', () => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await runDeploy({});
  });

  it('creates one Config rule, function and permission per rule, named prefix + id', () => {
    expect(
      run
        .ofType(T.rule)
        .map((r) => r.inputs.name)
        .sort(),
    ).toEqual(rules.map((r) => `ml-config-${r.id}`).sort());
    expect(ofPack(run, T.fn)).toHaveLength(rules.length);
    expect(ofPack(run, T.permission)).toHaveLength(rules.length);
    expect(ofPack(run, T.logGroup)).toHaveLength(rules.length);
    expect(run.ofType(T.orgRule)).toHaveLength(0);
    expect(run.ofType(T.aggregator)).toHaveLength(0);
  });

  it('subscribes each rule to change notifications for the types Config and tracking record, and to a schedule for the rest', () => {
    for (const rule of rules) {
      const config = run.named(`${rule.id}-rule`).inputs;
      expect(config.source.owner).toBe('CUSTOM_LAMBDA');
      expect(config.source.sourceIdentifier).toBe(
        `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${run.named(`${rule.id}-function`).inputs.name}`,
      );
      const details = config.source.sourceDetails;
      const { changeTypes, schedule } = triggersOf(rule, TRACKING);
      const change = changeTypes.length > 0 ? [...CHANGE_MESSAGE_TYPES] : [];
      expect(
        details.map((d: any) => d.messageType),
        rule.id,
      ).toEqual([...change, ...(schedule ? [PERIODIC_MESSAGE_TYPE] : [])]);
      for (const d of details)
        expect(d.maximumExecutionFrequency, rule.id).toBe(
          d.messageType === PERIODIC_MESSAGE_TYPE ? (frequencyOf(rule) ?? 'TwentyFour_Hours') : undefined,
        );
    }
  });

  it('makes a change rule with a type Config does not record a hybrid: a scope of its recorded types, and a daily run', () => {
    const tagged = run.named('sagemaker-resource-tagged-rule').inputs;
    expect(tagged.scope.complianceResourceTypes).not.toContain('AWS::SageMaker::MonitoringSchedule');
    expect(tagged.scope.complianceResourceTypes).toContain('AWS::SageMaker::NotebookInstance');
    expect(tagged.source.sourceDetails.map((d: any) => d.messageType)).toEqual([
      ...CHANGE_MESSAGE_TYPES,
      PERIODIC_MESSAGE_TYPE,
    ]);
    // A rule whose types Config records whole stays change-triggered only.
    expect(run.named('sagemaker-notebook-kms-key-rule').inputs.source.sourceDetails).toHaveLength(2);
  });

  it('scopes rules by the resource types Config records or tracking records, and puts no scope on the others', () => {
    for (const rule of rules) {
      const { scope } = run.named(`${rule.id}-rule`).inputs;
      const tracked = rule.resourceTypes
        .filter((t) => t.startsWith('AWS::SageMaker::') && !isRecordable(t))
        .map((t) => t.replace('AWS::', 'MLConfigRules::'))
        .filter((t) => triggersOf(rule, TRACKING).changeTypes.includes(t));
      const recorded = rule.trigger === 'change' ? rule.resourceTypes.filter(isRecordable) : [];
      if (recorded.length + tracked.length === 0) expect(scope, rule.id).toBeUndefined();
      else expect(scope, rule.id).toEqual({ complianceResourceTypes: [...recorded, ...tracked] });
    }
  });

  it('binds each invoke permission to config.amazonaws.com in this account, and makes the rule wait for it and the recorder', () => {
    for (const rule of rules) {
      const permission = run.named(`${rule.id}-invoke`).inputs;
      expect(permission).toMatchObject({
        action: 'lambda:InvokeFunction',
        principal: 'config.amazonaws.com',
        sourceAccount: ACCOUNT,
        function: `ml-config-${rule.id}`,
      });
      expect(run.named(`${rule.id}-rule`).dependsOn).toEqual(
        expect.arrayContaining([`${rule.id}-invoke`, 'recorder-recorder']),
      );
    }
  });

  it('runs each function on arm64 with the configured Node.js runtime and a log group of bounded retention', () => {
    for (const rule of rules) {
      const fn = run.named(`${rule.id}-function`);
      expect(fn.inputs).toMatchObject({ runtime: 'nodejs22.x', architectures: ['arm64'], handler: 'index.handler' });
      // A scheduled run paces its calls to the rate each API answers: the SDK's adaptive retries.
      if (isScheduled(rule, TRACKING))
        expect(fn.inputs.environment).toEqual({ variables: { AWS_RETRY_MODE: 'adaptive' } });
      else expect(fn.inputs.environment).toBeUndefined();
      const logs = run.named(`${rule.id}-logs`).inputs;
      expect(logs).toEqual({ name: `/aws/lambda/ml-config-${rule.id}`, retentionInDays: 30 });
      expect(fn.inputs.loggingConfig.logGroup).toBe(logs.name);
      expect(fn.dependsOn).toEqual(expect.arrayContaining([`${rule.id}-logs`, `${rule.id}-policy`]));
    }
  });

  it('creates the recorder, its delivery channel and an enabled recorder status after the channel', () => {
    expect(run.ofType(T.recorder)).toHaveLength(1);
    expect(run.ofType(T.channel)).toHaveLength(1);
    const [status] = run.ofType(T.status);
    expect(status!.inputs).toEqual({ name: 'ml-config-recorder', isEnabled: true });
    expect(status!.dependsOn).toContain('recorder-delivery-channel');
    expect(run.named('recorder-delivery-channel').dependsOn).toEqual(
      expect.arrayContaining(['recorder-recorder', 'recorder-bucket-policy']),
    );
    expect(run.named('recorder-delivery-channel').inputs).toMatchObject({
      s3BucketName: `ml-config-config-${ACCOUNT}-us-east-1`,
      snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
  });

  it('records every resource type a Config-sourced rule checks, and no inventory type', () => {
    const group = run.named('recorder-recorder').inputs.recordingGroup;
    expect(group).toMatchObject({
      allSupported: false,
      recordingStrategies: [{ useOnly: 'INCLUSION_BY_RESOURCE_TYPES' }],
    });
    const recorded = new Set(group.resourceTypes);
    for (const rule of rules.filter((r) => r.source !== 'inventory'))
      for (const type of rule.resourceTypes.filter(isRecordable)) expect(recorded).toContain(type);
    // Never a type the table of recordable types does not record.
    for (const type of recorded) expect(isRecordable(type as string), type as string).toBe(true);
    for (const type of [
      'AWS::SageMaker::Endpoint',
      'AWS::SageMaker::TrainingJob',
      'AWS::SageMaker::Pipeline',
      'AWS::SageMaker::MonitoringSchedule',
    ])
      expect(recorded).not.toContain(type);
    expect(run.named('recorder-recorder').inputs.recordingMode).toEqual({ recordingFrequency: 'CONTINUOUS' });
  });

  it('gives the Config service role the current managed policy and a trust bound to this account', () => {
    expect(run.named('recorder-managed-policy').inputs.policyArn).toBe(
      'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole',
    );
    const trust = JSON.parse(run.named('recorder-role').inputs.assumeRolePolicy);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      }),
    ]);
  });

  it('writes its bucket policy so Config delivers only for this account and nothing goes without TLS', () => {
    const bucket = `ml-config-config-${ACCOUNT}-us-east-1`;
    const policy = JSON.parse(run.named('recorder-bucket-policy').inputs.policy);
    const allows = policy.Statement.filter((s: any) => s.Effect === 'Allow');
    expect(allows.map((s: any) => s.Action).sort()).toEqual(['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject']);
    for (const s of allows) {
      expect(s.Principal).toEqual({ Service: 'config.amazonaws.com' });
      expect(s.Condition.StringEquals['AWS:SourceAccount']).toBe(ACCOUNT);
    }
    const put = allows.find((s: any) => s.Action === 's3:PutObject');
    expect(put.Resource).toBe(`arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/Config/*`);
    expect(put.Condition.StringEquals['s3:x-amz-acl']).toBe('bucket-owner-full-control');
    const deny = policy.Statement.find((s: any) => s.Effect === 'Deny');
    expect(deny).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('grants no IAM action with a wildcard anywhere', () => {
    const docs = policyDocuments(run);
    expect(docs.length).toBeGreaterThan(rules.length * 2);
    for (const { resource, document } of docs) {
      for (const statement of asList<any>(document.Statement)) {
        expect(statement.NotAction, resource).toBeUndefined();
        if (statement.Effect !== 'Allow') continue;
        for (const action of asList<string>(statement.Action))
          expect(action, `${resource}: ${action}`).not.toContain('*');
      }
    }
  });

  it('creates a manual remediation with its own automation role for every rule that names a document', () => {
    const remediated = rules.filter((r) => r.remediation);
    expect(remediated.map((r) => r.id)).toContain('s3-bucket-versioning-enabled');
    expect(run.ofType(T.remediation)).toHaveLength(remediated.length);
    const versioning = run.named('s3-bucket-versioning-enabled-remediation');
    expect(versioning.inputs).toMatchObject({
      configRuleName: 'ml-config-s3-bucket-versioning-enabled',
      targetType: 'SSM_DOCUMENT',
      targetId: 'AWS-ConfigureS3BucketVersioning',
      resourceType: 'AWS::S3::Bucket',
      automatic: false,
    });
    expect(versioning.inputs.parameters).toEqual([
      {
        name: 'AutomationAssumeRole',
        staticValue: `arn:aws:iam::${ACCOUNT}:role/ml-config-s3-bucket-versioning-enabled-fix`,
      },
      { name: 'BucketName', resourceValue: 'RESOURCE_ID' },
      { name: 'VersioningState', staticValue: 'Enabled' },
    ]);
    expect(versioning.inputs.maximumAutomaticAttempts).toBeUndefined();
    const trust = JSON.parse(
      run.named('s3-bucket-versioning-enabled-remediation-automation-role').inputs.assumeRolePolicy,
    );
    expect(trust.Statement[0].Principal).toEqual({ Service: 'ssm.amazonaws.com' });
    const grant = JSON.parse(run.named('s3-bucket-versioning-enabled-remediation-automation-policy').inputs.policy);
    expect(grant.Statement).toEqual([
      {
        Sid: 'Remediate',
        Effect: 'Allow',
        Action: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'],
        Resource: 'arn:aws:s3:::*',
        Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } },
      },
    ]);
  });

  it("notifies compliance changes of the pack's rules only, naming rule, resource and both verdicts", () => {
    const eventRules = run.ofType(T.eventRule).filter((r) => r.parent === 'notifications');
    const patterns = eventRules.map((r) => JSON.parse(r.inputs.eventPattern));
    // EventBridge's pattern size quota: the names are split over as few rules as needed.
    for (const r of eventRules) expect(r.inputs.eventPattern.length).toBeLessThanOrEqual(PATTERN_MAX);
    for (const pattern of patterns) {
      expect(pattern.source).toEqual(['aws.config']);
      expect(pattern['detail-type']).toEqual(['Config Rules Compliance Change']);
    }
    // Exact names only: another team's rule (or an AWS managed one) never matches.
    const names = patterns.flatMap((p) => p.detail.configRuleName);
    expect(names.every((n: unknown) => typeof n === 'string')).toBe(true);
    expect(names.sort()).toEqual(rules.map((r) => `ml-config-${r.id}`).sort());
    const targets = run.ofType(T.eventTarget).filter((r) => r.parent === 'notifications');
    expect(targets).toHaveLength(eventRules.length);
    for (const target of targets) {
      expect(target.inputs.arn).toBe(`arn:aws:sns:us-east-1:${ACCOUNT}:ml-config-compliance-changes`);
      const { inputPaths, inputTemplate } = target.inputs.inputTransformer;
      expect(inputPaths).toEqual(MESSAGE_PATHS);
      for (const field of ['rule', 'resourceType', 'resourceId', 'oldVerdict', 'newVerdict'])
        expect(inputTemplate).toContain(`<${field}>`);
    }
    const topicPolicy = JSON.parse(run.named('notifications-topic-policy').inputs.policy);
    expect(topicPolicy.Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
    });
    expect(topicPolicy.Statement[0].Condition.ArnEquals['aws:SourceArn']).toEqual(
      eventRules.map((r) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/${r.inputs.name}`),
    );
  });

  it('encrypts the topic with its own KMS key, whose policy lets EventBridge publish', () => {
    const key = run.named('notifications-topic-key');
    // The harness gives resources without a real ARN shape a mock one.
    expect(run.named('notifications-topic').inputs.kmsMasterKeyId).toBe(
      `arn:aws:mock:us-east-1:${ACCOUNT}:Key/notifications-topic-key`,
    );
    expect(key.inputs.enableKeyRotation).toBe(true);
    const policy = JSON.parse(key.inputs.policy);
    expect(policy.Statement[0].Action).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']));
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Sid: 'AccountAdministersKey', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
      {
        Sid: 'EventBridgePublishesEncrypted',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
      },
    ]);
  });

  it('splits a long list of rule names over several patterns, each within the quota', () => {
    const many = Array.from({ length: 120 }, (_, i) => `ml-platform-team-prefix-sagemaker-rule-number-${i}`);
    const patterns = compliancePatterns(many, true);
    expect(patterns.length).toBeGreaterThan(1);
    for (const p of patterns) expect(JSON.stringify(p).length).toBeLessThanOrEqual(PATTERN_MAX);
    expect(patterns.flatMap((p: any) => p.detail.configRuleName).filter((n: unknown) => typeof n === 'string')).toEqual(
      many,
    );
  });
});

describe('a selection of rules with parameters and a tag scope', () => {
  let run: DeployRun;
  const selected = [
    's3-bucket-versioning-enabled',
    'sagemaker-notebook-kms-key',
    'sagemaker-endpoint-tagged',
    'sagemaker-training-job-volume-kms',
  ];
  const key = 'arn:aws:kms:us-east-1:123456789012:key/5f0c9a7e-2b61-4e3d-9a18-7c4e2d1b6f03';
  beforeAll(async () => {
    run = await runDeploy({
      rules: JSON.stringify(selected),
      scopeTagKey: 'ml-pipeline',
      scopeTagValue: 'fraud-detection',
      namePrefix: 'mlplat-',
      parameters: JSON.stringify({
        'sagemaker-notebook-kms-key': { kmsKeyArns: [key] },
        'sagemaker-training-job-volume-kms': { lookbackDays: 14 },
        's3-bucket-versioning-enabled': { isMfaDeleteEnabled: false },
      }),
      remediation: 'automatic',
      remediationAttempts: '3',
      remediationRetrySeconds: '120',
      recordingFrequency: 'DAILY',
      notifications: 'ml-platform-oncall@example.com, fraud-ml-team@example.com',
      lambdaRuntime: 'nodejs24.x',
      logRetentionDays: '90',
      tracking: 'off',
    });
  });

  it('creates exactly the selected rules, functions and permissions', () => {
    expect(
      run
        .ofType(T.rule)
        .map((r) => r.inputs.name)
        .sort(),
    ).toEqual(selected.map((id) => `mlplat-${id}`).sort());
    expect(
      run
        .ofType(T.fn)
        .map((f) => f.inputs.name)
        .sort(),
    ).toEqual(selected.map((id) => `mlplat-${id}`).sort());
    expect(run.ofType(T.permission)).toHaveLength(selected.length);
  });

  it('passes each rule its parameters, as strings, with the tag scope', () => {
    const params = (id: string) => JSON.parse(run.named(`${id}-rule`).inputs.inputParameters);
    const scope = { scopeTagKey: 'ml-pipeline', scopeTagValue: 'fraud-detection' };
    expect(params('sagemaker-notebook-kms-key')).toEqual({ ...scope, kmsKeyArns: key });
    expect(params('sagemaker-training-job-volume-kms')).toEqual({ ...scope, lookbackDays: '14' });
    expect(params('s3-bucket-versioning-enabled')).toEqual({ ...scope, isMfaDeleteEnabled: 'false' });
    expect(params('sagemaker-endpoint-tagged')).toEqual(scope);
  });

  it('scopes change rules by type only (Config takes types or a tag, not both): the tag travels in the parameters', () => {
    expect(run.named('sagemaker-notebook-kms-key-rule').inputs.scope).toEqual({
      complianceResourceTypes: ['AWS::SageMaker::NotebookInstance'],
    });
    expect(run.named('sagemaker-endpoint-tagged-rule').inputs.scope).toBeUndefined();
    expect(
      run.named('sagemaker-training-job-volume-kms-rule').inputs.source.sourceDetails[0].maximumExecutionFrequency,
    ).toBe('TwentyFour_Hours');
  });

  it('grants each function exactly what its runtime path calls', () => {
    const actions = (id: string) =>
      JSON.parse(run.named(`${id}-policy`).inputs.policy)
        .Statement.filter((s: any) => s.Sid !== 'WriteOwnLogs' && s.Sid !== 'ChainOwnRun')
        .flatMap((s: any) => asList(s.Action))
        .sort();
    expect(actions('sagemaker-notebook-kms-key')).toEqual(['config:GetResourceConfigHistory', 'config:PutEvaluations']);
    // The stack sets a scope tag, so the periodic rule reads tags (through the Tagging API, checked
    // with ListTags) to apply it.
    expect(actions('sagemaker-training-job-volume-kms')).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:PutEvaluations',
      'sagemaker:DescribeTrainingJob',
      'sagemaker:ListTags',
      'sagemaker:ListTrainingJobs',
      'sagemaker:Search',
      'tag:GetResources',
    ]);
    // The tag rule reads tags and the listing's status only: no Describe call to grant.
    expect(actions('sagemaker-endpoint-tagged')).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:PutEvaluations',
      'sagemaker:ListEndpoints',
      'sagemaker:ListTags',
      'tag:GetResources',
    ]);
    const logs = JSON.parse(run.named('sagemaker-notebook-kms-key-policy').inputs.policy).Statement.find(
      (s: any) => s.Sid === 'WriteOwnLogs',
    );
    expect(logs).toEqual({
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/mlplat-sagemaker-notebook-kms-key:*`,
    });
  });

  it('lets a scheduled run that lists endpoints or training jobs invoke its own function, and no other', () => {
    const chain = (id: string) =>
      JSON.parse(run.named(`${id}-policy`).inputs.policy).Statement.filter((s: any) => s.Sid === 'ChainOwnRun');
    for (const id of ['sagemaker-endpoint-tagged', 'sagemaker-training-job-volume-kms']) {
      expect(chain(id)).toEqual([
        {
          Sid: 'ChainOwnRun',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:mlplat-${id}`,
        },
      ]);
      // The ARN granted is the function's own.
      expect(run.named(`${id}-function`).inputs.name).toBe(`mlplat-${id}`);
    }
    // A rule that only takes changes never hands off.
    expect(chain('sagemaker-notebook-kms-key')).toEqual([]);
  });

  it('limits the SageMaker reads and the compliance read to this account and Region; List actions take no ARN', () => {
    const statements = JSON.parse(run.named('sagemaker-training-job-volume-kms-policy').inputs.policy).Statement.filter(
      (s: any) => s.Sid !== 'WriteOwnLogs',
    );
    const resourceOf = (action: string) =>
      statements.filter((s: any) => asList(s.Action).includes(action)).map((s: any) => s.Resource);
    expect(resourceOf('sagemaker:DescribeTrainingJob')).toEqual([`arn:aws:sagemaker:us-east-1:${ACCOUNT}:*`]);
    // With a scope tag, tags come from the Tagging API, whose GetResources takes no resource ARN;
    // ListTags, for what GetResources leaves out, names the resource: this account's, like Describe.
    expect(resourceOf('sagemaker:ListTags')).toEqual([`arn:aws:sagemaker:us-east-1:${ACCOUNT}:*`]);
    expect(resourceOf('tag:GetResources')).toEqual(['*']);
    expect(resourceOf('config:GetComplianceDetailsByConfigRule')).toEqual([
      `arn:aws:config:us-east-1:${ACCOUNT}:config-rule/*`,
    ]);
    expect(resourceOf('sagemaker:ListTrainingJobs')).toEqual(['*']);
    // Search takes no resource ARN (the Service Authorization Reference lists none for it).
    expect(resourceOf('sagemaker:Search')).toEqual(['*']);
    expect(resourceOf('config:PutEvaluations')).toEqual(['*']);
  });

  it('records only the types the selected Config-sourced rules check, daily', () => {
    expect(run.named('recorder-recorder').inputs.recordingGroup.resourceTypes).toEqual([
      'AWS::S3::Bucket',
      'AWS::SageMaker::NotebookInstance',
    ]);
    expect(run.named('recorder-recorder').inputs.recordingMode).toEqual({ recordingFrequency: 'DAILY' });
  });

  it('runs automatic remediation with the configured retries', () => {
    expect(run.named('s3-bucket-versioning-enabled-remediation').inputs).toMatchObject({
      automatic: true,
      maximumAutomaticAttempts: 3,
      retryAttemptSeconds: 120,
    });
  });

  it('uses the configured runtime and log retention', () => {
    expect(run.named('sagemaker-endpoint-tagged-function').inputs.runtime).toBe('nodejs24.x');
    expect(run.named('sagemaker-endpoint-tagged-logs').inputs.retentionInDays).toBe(90);
  });

  it('subscribes the configured addresses and matches only the selected rules', () => {
    const subscriptions = run.ofType('aws:sns/topicSubscription:TopicSubscription').map((s) => s.inputs);
    expect(subscriptions.map((s) => [s.protocol, s.endpoint])).toEqual([
      ['email', 'ml-platform-oncall@example.com'],
      ['email', 'fraud-ml-team@example.com'],
    ]);
    const patterns = run.ofType(T.eventRule).map((r) => JSON.parse(r.inputs.eventPattern));
    expect(patterns).toHaveLength(1);
    expect(patterns[0].detail.configRuleName.sort()).toEqual(selected.map((id) => `mlplat-${id}`).sort());
  });
});

describe('other account set-ups', () => {
  it('creates no recorder, bucket or channel where the account already records, and the rules do not wait for one', async () => {
    const run = await runDeploy({
      createRecorder: 'false',
      rules: 'sagemaker-model-network-isolation',
      tracking: 'off',
    });
    for (const type of [T.recorder, T.channel, T.status, T.bucket, T.bucketPolicy])
      expect(run.ofType(type)).toHaveLength(0);
    expect(run.ofType(T.rule)).toHaveLength(1);
    expect(run.named('sagemaker-model-network-isolation-rule').dependsOn).not.toContain('recorder-recorder');
  });

  it('creates no remediation when remediation is off', async () => {
    const run = await runDeploy({ remediation: 'off', rules: 's3-bucket-versioning-enabled' });
    expect(run.ofType(T.remediation)).toHaveLength(0);
    expect(run.ofType(T.role).map((r) => r.inputs.name)).not.toContain('ml-config-s3-bucket-versioning-enabled-fix');
  });

  it('delivers to a given topic, and creates none, when notifications name an ARN', async () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:ml-platform-alerts';
    const run = await runDeploy({ notifications: topic, rules: 'sagemaker-notebook-kms-key' });
    expect(run.ofType('aws:sns/topic:Topic')).toHaveLength(0);
    expect(run.ofType(T.eventTarget)[0]!.inputs.arn).toBe(topic);
  });

  it('creates no notification rule when notifications are off', async () => {
    const run = await runDeploy({ notifications: 'off', rules: 'sagemaker-notebook-kms-key', tracking: 'off' });
    expect(run.ofType(T.eventRule)).toHaveLength(0);
  });

  it('keeps the delivery bucket on destroy by default, and empties it on destroy when asked not to keep it', async () => {
    const kept = await runDeploy({ rules: 'sagemaker-notebook-kms-key' });
    expect(kept.named('recorder-bucket').inputs.forceDestroy).toBe(false);
    const dropped = await runDeploy({ rules: 'sagemaker-notebook-kms-key', retainDeliveryBucket: 'false' });
    expect(dropped.named('recorder-bucket').inputs.forceDestroy).toBe(true);
  });

  it('still creates a recorder, of compliance history only, when only inventory rules are selected (PutConfigRule needs one)', async () => {
    const run = await runDeploy({ rules: 'sagemaker-endpoint-tagged' });
    expect(run.ofType(T.recorder)).toHaveLength(1);
    expect(run.named('recorder-recorder').inputs.recordingGroup.resourceTypes).toEqual([
      'AWS::Config::ResourceCompliance',
    ]);
    expect(run.ofType(T.rule)).toHaveLength(1);
    expect(run.named('sagemaker-endpoint-tagged-rule').dependsOn).toContain('recorder-recorder');
  });

  it('records compliance history continuously under daily recording, which Config does not take for that type', async () => {
    const inventoryOnly = await runDeploy({ rules: 'sagemaker-endpoint-tagged', recordingFrequency: 'DAILY' });
    expect(inventoryOnly.named('recorder-recorder').inputs.recordingMode).toEqual({
      recordingFrequency: 'DAILY',
      recordingModeOverride: {
        description: 'Config takes only continuous recording for these types',
        recordingFrequency: 'CONTINUOUS',
        resourceTypes: ['AWS::Config::ResourceCompliance'],
      },
    });
    const recorded = await runDeploy({ rules: 'sagemaker-notebook-kms-key', recordingFrequency: 'DAILY' });
    expect(recorded.named('recorder-recorder').inputs.recordingMode).toEqual({ recordingFrequency: 'DAILY' });
  });

  it('records the bucket a model rule looks up, so a versioned artifact bucket is known to Config', async () => {
    const run = await runDeploy({ rules: 'sagemaker-model-artifact-versioned-bucket' });
    expect(run.named('recorder-recorder').inputs.recordingGroup.resourceTypes).toEqual([
      'AWS::S3::Bucket',
      'AWS::SageMaker::Model',
    ]);
  });

  it('knows the rule with a lookup needs BatchGetResourceConfig', async () => {
    const id = 'sagemaker-model-artifact-versioned-bucket';
    expect(ruleById(id)!.lookups).toBeDefined();
    const run = await runDeploy({ rules: id });
    const actions = JSON.parse(run.named(`${id}-policy`).inputs.policy).Statement.flatMap((s: any) => asList(s.Action));
    expect(actions).toContain('config:BatchGetResourceConfig');
  });
});
