// What a first `pulumi up` on a real account needs beyond the rehearsal: the recorder records what
// rules look up, Config's delivery works on both of its write paths, remediation roles grant what
// each runbook lists in this account only, organization mode makes members record, and AWS's
// limits on excluded accounts hold at preview.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../deploy/config.js';
import { REMEDIATION_DOCUMENTS, remediationStatements } from '../../deploy/remediation.js';
import { typesToRecord } from '../../rules/_core/recording.js';
import { ruleById, rules } from '../../rules/index.js';
import { ACCOUNT, memberAccountIds, ORG, runDeploy, type DeployRun } from './harness.js';

describe('what the recorder records', () => {
  it('declares the type of every lookup on the rule, so the recorder records it', () => {
    for (const rule of rules.filter((r) => r.lookups)) expect(rule.lookupTypes?.length, rule.id).toBeGreaterThan(0);
    expect(ruleById('sagemaker-model-artifact-versioned-bucket')!.lookupTypes).toEqual(['AWS::S3::Bucket']);
    expect(typesToRecord([ruleById('sagemaker-model-artifact-versioned-bucket')!])).toEqual([
      'AWS::S3::Bucket',
      'AWS::SageMaker::Model',
    ]);
  });
});

describe('the delivery bucket and the recorder role', () => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await runDeploy({ rules: 's3-bucket-versioning-enabled' });
  });

  it('grants the recorder role PutObject and PutObjectAcl on its delivery path, with the ACL Config sends', () => {
    const bucket = `ml-config-config-${ACCOUNT}-us-east-1`;
    const policy = JSON.parse(run.named('recorder-delivery').inputs.policy);
    expect(policy.Statement[0]).toEqual({
      Sid: 'DeliverConfigHistory',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/Config/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    });
  });

  it('encrypts with SSE-S3 by default, which both write paths can use, and creates no key', () => {
    expect(run.named('recorder-encryption').inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ]);
    // The only key is the compliance topic's own, never one for delivery.
    expect(run.ofType('aws:kms/key:Key').map((k) => k.name)).not.toContain('recorder-key');
    expect(run.named('recorder-delivery-channel').inputs.s3KmsKeyArn).toBeUndefined();
  });

  it('with KMS, creates a customer-managed key Config may use only for this account, and delivers with it', async () => {
    const kms = await runDeploy({ rules: 's3-bucket-versioning-enabled', deliveryBucketEncryption: 'KMS' });
    const key = kms.named('recorder-key');
    expect(key!.inputs.enableKeyRotation).toBe(true);
    const config = JSON.parse(key!.inputs.policy).Statement.find(
      (s: any) => s.Principal?.Service === 'config.amazonaws.com',
    );
    expect(config).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'AWS:SourceAccount': [ACCOUNT] } },
    });
    const keyArn = key!.state!.arn;
    expect(kms.named('recorder-encryption').inputs.rules[0].applyServerSideEncryptionByDefault).toEqual({
      sseAlgorithm: 'aws:kms',
      kmsMasterKeyId: keyArn,
    });
    expect(kms.named('recorder-delivery-channel').inputs.s3KmsKeyArn).toBe(keyArn);
    const role = JSON.parse(kms.named('recorder-delivery').inputs.policy).Statement.find(
      (s: any) => s.Sid === 'EncryptDeliveries',
    );
    expect(role).toEqual({
      Sid: 'EncryptDeliveries',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: keyArn,
    });
  });
});

describe('remediation roles', () => {
  it('grant exactly what each runbook lists, S3 actions on buckets of this account only', () => {
    const ssl = remediationStatements('AWSConfigRemediation-RestrictBucketSSLRequestsOnly', 'aws', ACCOUNT);
    expect(ssl[0]).toEqual({
      Sid: 'Remediate',
      Effect: 'Allow',
      Action: ['s3:DeleteBucketPolicy', 's3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:PutEncryptionConfiguration'],
      Resource: 'arn:aws:s3:::*',
      Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } },
    });
    for (const [document, grant] of Object.entries(REMEDIATION_DOCUMENTS)) {
      expect(grant.runbook, document).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/systems-manager-automation-runbooks\/latest\/userguide\/automation-[a-z0-9-]+\.html$/,
      );
      const granted = remediationStatements(document, 'aws', ACCOUNT).flatMap((s) => s.Action as string[]);
      expect(granted.sort(), document).toEqual([...grant.actions].sort());
    }
  });

  it('are written into the deploy for every rule that names a document', async () => {
    const run = await runDeploy({ rules: 's3-bucket-ssl-requests-only' });
    const policy = JSON.parse(run.named('s3-bucket-ssl-requests-only-remediation-automation-policy').inputs.policy);
    expect(policy.Statement).toEqual(
      remediationStatements('AWSConfigRemediation-RestrictBucketSSLRequestsOnly', 'aws', ACCOUNT),
    );
  });
});

describe('organization mode and member recorders', () => {
  it('requires a choice of memberRecorder, explaining both', () => {
    expect(() => parseStackConfig({ organization: 'true' })).toThrow(
      /^ml-config-rules:memberRecorder: is required with organization true: organization rules deploy to a member account only while it records\. "create": .*"existing": /,
    );
    expect(() => parseStackConfig({ organization: 'true', memberRecorder: 'maybe' })).toThrow(
      'ml-config-rules:memberRecorder: must be create or existing, got "maybe"',
    );
    expect(() => parseStackConfig({ memberRecorder: 'create' })).toThrow(
      'ml-config-rules:memberRecorder: only applies with ml-config-rules:organization true',
    );
  });

  it('with create, deploys a recorder and delivery channel to the central bucket in every member, before the rules', async () => {
    const run = await runDeploy({
      organization: 'true',
      memberRecorder: 'create',
      rules: 'sagemaker-model-artifact-versioned-bucket,sagemaker-endpoint-tagged',
    });
    const template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    const bucket = `ml-config-config-${ACCOUNT}-us-east-1`;
    expect(template.Resources.Recorder.Properties.RecordingGroup).toMatchObject({
      AllSupported: false,
      ResourceTypes: ['AWS::S3::Bucket', 'AWS::SageMaker::Model'],
      RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    expect(template.Resources.DeliveryChannel).toMatchObject({
      DependsOn: 'Recorder',
      Properties: { S3BucketName: bucket },
    });
    expect(template.Resources.RecorderRole.Properties.RoleName).toBe('ml-config-member-config-recorder');
    const policy = JSON.parse(run.named('recorder-bucket-policy').inputs.policy);
    const members = ORG.accounts
      .filter((a) => a.state === 'ACTIVE' && a.id !== ACCOUNT)
      .map((a) => a.id)
      .sort();
    expect(
      policy.Statement.find((s: any) => s.Sid === 'MemberConfigDelivery').Condition.StringEquals['AWS:SourceAccount'],
    ).toEqual(members);
    expect(policy.Statement.find((s: any) => s.Sid === 'MemberRecorderRoleDelivery').Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': ORG.id },
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ml-config-member-config-recorder' },
    });
    for (const id of ['sagemaker-model-artifact-versioned-bucket', 'sagemaker-endpoint-tagged']) {
      expect(run.named(`${id}-rule`).dependsOn).toContain('organization-member-role');
    }
  });

  it('with existing, adds no member recorder', async () => {
    const run = await runDeploy({
      organization: 'true',
      memberRecorder: 'existing',
      rules: 'sagemaker-endpoint-tagged',
    });
    const template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    // Tracking's registrations and forwarding (tracking-organization.test.ts), and no recorder.
    expect(Object.keys(template.Resources).filter((r) => !/^(Type|Tracking)/.test(r))).toEqual(['EvaluatorRole']);
    for (const type of ['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel'])
      expect(Object.values<any>(template.Resources).map((r) => r.Type)).not.toContain(type);
  });

  it('refuses more than 1,000 excluded accounts at preview', () => {
    const raw = { organization: 'true', memberRecorder: 'existing' };
    expect(
      parseStackConfig({ ...raw, excludedAccounts: JSON.stringify(memberAccountIds(1000)) }).excludedAccounts,
    ).toHaveLength(1000);
    expect(() => parseStackConfig({ ...raw, excludedAccounts: JSON.stringify(memberAccountIds(1001)) })).toThrow(
      'ml-config-rules:excludedAccounts: lists 1001 accounts; organization rules take at most 1000',
    );
  });
});
