// The deploy rehearsed against moto: each stack's resources, registered under Pulumi's mocks, sent
// as the same AWS requests in dependency order (rehearsal.ts); an account that already records is
// rehearsed in rehearsal-existing-recorder.test.ts. Every request must be accepted; a
// deliberately broken rule scope (types and a tag, as the deploy once sent) must be refused.
import { CreateBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import {
  DescribeConfigurationRecorderStatusCommand,
  paginateDescribeConfigRules,
} from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stackRecordingLookup } from '../../deploy/existing-recorder.js';
import { motoInstalled, startMoto, useMotoEnv, type Moto } from '../support/moto.js';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, ORG, runDeploy, SCENARIOS, stackFileConfig } from './harness.js';
import { makeClients, NOT_SENT, rehearse, type Clients } from './rehearsal.js';

let moto: Moto;
let restoreEnv: () => void;
let clients: Clients;

beforeAll(async () => {
  if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
  // AWS managed policies (AWS_ConfigRole, AWSConfigRoleForOrganizations) exist in every account.
  process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
  moto = await startMoto({ accountId: ACCOUNT });
  delete process.env.MOTO_IAM_LOAD_MANAGED_POLICIES;
  restoreEnv = useMotoEnv(moto);
  clients = makeClients();
}, 60_000);

afterAll(async () => {
  restoreEnv?.();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
});

/**
 * What exists before the deploy, as its configuration says: the example stack's access-log bucket,
 * which lets the S3 logging service write to it for this account
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 */
async function preconditions(raw: Record<string, string | undefined>): Promise<void> {
  const bucket = raw.accessLogBucket;
  if (!bucket) return;
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'S3ServerAccessLogs',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ],
  };
  await clients.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
}

describe.each(Object.entries(SCENARIOS))('rehearsal against moto: %s', (_name, scenario) => {
  it('has every request accepted, in dependency order, and leaves the recorder recording and the rules in place', async () => {
    const raw = scenario.config();
    // The program's own look at the (empty) emulator decides to create the recorder.
    const run = await runDeploy(raw, { lookup: stackRecordingLookup() }, scenario.world);
    expect(run.deployed.recorderPlan.action).toBe('create');
    await preconditions(raw);
    const { sent, skipped } = await rehearse(run.resources, clients);

    const types = new Set(sent.map((s) => s.type));
    for (const t of [
      'aws:iam/role:Role',
      'aws:iam/rolePolicy:RolePolicy',
      'aws:s3/bucket:Bucket',
      'aws:s3/bucketPolicy:BucketPolicy',
      'aws:cfg/recorder:Recorder',
      'aws:cfg/deliveryChannel:DeliveryChannel',
      'aws:lambda/function:Function',
    ]) {
      expect(types, t).toContain(t);
    }
    for (const s of skipped) expect(NOT_SENT[s.type], s.type).toBeDefined();
    const status = await clients.config.send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus?.[0]?.recording).toBe(true);
    const accountRules = run.ofType('aws:cfg/rule:Rule');
    const names: string[] = [];
    for await (const page of paginateDescribeConfigRules({ client: clients.config }, {}))
      names.push(...(page.ConfigRules ?? []).map((r) => r.ConfigRuleName!));
    expect(names.sort()).toEqual(accountRules.map((r) => r.inputs.name).sort());
  }, 120_000);
});

describe('rehearsal against moto: the member role from a delegated administrator', () => {
  const scenario = SCENARIOS['organization mode from a delegated administrator']!;

  it("creates the stack set's member role with its organization-bound trust, and excludes the management account", async () => {
    const run = await runDeploy(scenario.config(), {}, scenario.world);
    await rehearse(run.resources, clients);
    const role = await clients.iam.send(new GetRoleCommand({ RoleName: 'ml-config-rules-evaluator' }));
    const trust = JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0].Condition).toEqual({
      ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ml-config-eval-*` },
      StringEquals: { 'aws:PrincipalOrgID': ORG.id },
    });
    for (const rule of run.ofType('aws:cfg/organizationCustomRule:OrganizationCustomRule'))
      expect(rule.inputs.excludedAccounts).toEqual(['456789012345', scenario.world!.managementAccount]);
  }, 120_000);

  it('is refused when the trust holds a condition operator IAM does not know', async () => {
    const run = await runDeploy(scenario.config(), {}, scenario.world);
    const stackSet = run.ofType('aws:cloudformation/stackSet:StackSet')[0]!;
    const template = JSON.parse(stackSet.inputs.templateBody);
    const condition = template.Resources.EvaluatorRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
    condition.StringEqualz = condition.StringEquals;
    delete condition.StringEquals;
    stackSet.inputs = { ...stackSet.inputs, templateBody: JSON.stringify(template) };
    await expect(rehearse(run.resources, clients)).rejects.toThrow(
      /^aws:cloudformation\/stackSet:StackSet organization-member-role was refused: MalformedPolicyDocument/,
    );
  }, 120_000);
});

describe('rehearsal against moto: a broken rule scope', () => {
  it('is refused when a change rule is scoped by resource types and a tag together', async () => {
    const raw = stackFileConfig('Pulumi.example.yaml');
    const run = await runDeploy(raw);
    await preconditions(raw);
    const rule = run.named('sagemaker-notebook-kms-key-rule');
    rule.inputs = {
      ...rule.inputs,
      scope: { ...rule.inputs.scope, tagKey: 'ml-pipeline', tagValue: 'fraud-detection' },
    };
    await expect(rehearse(run.resources, clients)).rejects.toThrow(
      'aws:cfg/rule:Rule sagemaker-notebook-kms-key-rule was refused: InvalidParameterValueException: Scope cannot be applied to both resource and tag',
    );
  }, 120_000);
});
