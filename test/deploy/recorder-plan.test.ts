// createRecorder auto, true and false under Pulumi mocks, with the program's look at this
// Region's recorder answered by the test (deploy/existing-recorder.ts): nothing recorded (the
// recorder is created as before), a recorder that records everything (adopted, nothing created),
// one that lacks types (adopted with the command that adds them, or extended with true), Control
// Tower's and service-linked recorders (never changed), a stopped recorder, no delivery channel.
import type { ConfigurationRecorder } from '@aws-sdk/client-config-service';
import * as pulumi from '@pulumi/pulumi';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountRecording, ExistingRecorder } from '../../deploy/existing-recorder.js';
import { typesToRecord } from '../../rules/_core/recording.js';
import { rules } from '../../rules/index.js';
import { ACCOUNT, ORG, runDeploy, type DeployRun } from './harness.js';

const T = {
  recorder: 'aws:cfg/recorder:Recorder',
  channel: 'aws:cfg/deliveryChannel:DeliveryChannel',
  status: 'aws:cfg/recorderStatus:RecorderStatus',
  bucket: 'aws:s3/bucket:Bucket',
  role: 'aws:iam/role:Role',
  rule: 'aws:cfg/rule:Rule',
  stackSet: 'aws:cloudformation/stackSet:StackSet',
};

/** A few rules keep each run short: their types are S3 buckets, notebook instances, endpoint configurations and models. */
const SELECTION = [
  's3-bucket-versioning-enabled',
  'sagemaker-notebook-kms-key',
  'sagemaker-endpoint-config-kms-key',
  'sagemaker-model-network-isolation',
];
const selected = rules.filter((r) => SELECTION.includes(r.id));
const NEEDED = typesToRecord(selected);
const RULES = SELECTION.join(',');
const ROLE = `arn:aws:iam::${ACCOUNT}:role/platform-config-recorder`;

function recorder(name: string, group: ConfigurationRecorder['recordingGroup'], extra: Partial<ExistingRecorder> = {}) {
  return {
    recorder: { name, roleARN: ROLE, recordingGroup: group, recordingMode: { recordingFrequency: 'DAILY' } },
    recording: true,
    lastStatus: 'SUCCESS',
    ...extra,
  } as ExistingRecorder;
}

const account = (customer: ExistingRecorder | undefined, more: Partial<AccountRecording> = {}): AccountRecording => ({
  region: 'us-east-1',
  ...(customer ? { customer } : {}),
  serviceLinked: [],
  channels: customer ? [{ name: 'default', s3BucketName: 'platform-config-history' }] : [],
  ...more,
});

const ALL = {
  allSupported: true,
  includeGlobalResourceTypes: false,
  recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
} as ConfigurationRecorder['recordingGroup'];
/** Records S3 buckets and one SageMaker type: every other type the pack needs is missing. */
const SOME = {
  allSupported: false,
  includeGlobalResourceTypes: false,
  resourceTypes: ['AWS::EC2::Instance', 'AWS::S3::Bucket', 'AWS::SageMaker::Model'],
  recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
} as ConfigurationRecorder['recordingGroup'];
const MISSING = NEEDED.filter((t) => t !== 'AWS::S3::Bucket' && t !== 'AWS::SageMaker::Model');

it('has a selection whose needed types the partial recorder partly lacks', () => {
  expect(MISSING).toEqual(['AWS::SageMaker::EndpointConfig', 'AWS::SageMaker::NotebookInstance']);
});

const answer = (a: AccountRecording) => async () => a;
/** The recorder's resources of a type: tracking (on by default) has a bucket of its own. */
const recorderOnes = (run: DeployRun, type: string) => run.ofType(type).filter((r) => !r.name.startsWith('tracking-'));
const notes = (run: DeployRun, level: 'info' | 'warn') =>
  run.deployed.recorderPlan.notes.filter((n) => n.level === level).map((n) => n.text);

/** What the stack itself would create for a recorder. */
function expectNothingCreated(run: DeployRun) {
  for (const type of [T.recorder, T.channel, T.status, T.bucket]) expect(recorderOnes(run, type), type).toEqual([]);
  expect(run.resources.filter((r) => r.type === T.role && r.name === 'recorder-role')).toEqual([]);
  for (const rule of run.ofType(T.rule))
    expect(
      rule.dependsOn.some((d) => d.startsWith('recorder-')),
      rule.name,
    ).toBe(false);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createRecorder auto (the default)', () => {
  it('creates the recorder, delivery bucket, channel and status where the Region has no recorder, and the rules wait for it', async () => {
    const run = await runDeploy({ rules: RULES }, { lookup: answer(account(undefined)) });
    expect(run.deployed.recorderPlan.action).toBe('create');
    expect(run.named('recorder-recorder').inputs.name).toBe('ml-config-recorder');
    expect(run.named('recorder-delivery-channel').inputs.name).toBe('ml-config-delivery');
    expect(run.named('recorder-status').inputs.isEnabled).toBe(true);
    expect(recorderOnes(run, T.bucket)).toHaveLength(1);
    for (const rule of run.ofType(T.rule)) expect(rule.dependsOn, rule.name).toContain('recorder-recorder');
    expect(notes(run, 'info')).toEqual([
      'no customer managed recorder in us-east-1: the deploy creates ml-config-recorder, its delivery bucket and channel',
    ]);
    expect(notes(run, 'warn')).toEqual([]);
  });

  it("keeps managing this stack's own recorder when a later preview finds it", async () => {
    const own = recorder('ml-config-recorder', SOME);
    const run = await runDeploy(
      { rules: RULES },
      { lookup: answer(account(own, { channels: [{ name: 'ml-config-delivery' }] })) },
    );
    expect(run.deployed.recorderPlan.action).toBe('create');
    expect(run.named('recorder-recorder').inputs.recordingGroup.resourceTypes).toEqual(NEEDED);
    expect(run.ofType(T.channel)).toHaveLength(1);
  });

  it("warns when the recorder is this pack's under another namePrefix, which the stack would delete", async () => {
    const earlier = recorder('ml-config-recorder', ALL);
    earlier.recorder.roleARN = `arn:aws:iam::${ACCOUNT}:role/ml-config-config-recorder`;
    const run = await runDeploy({ rules: RULES, namePrefix: 'mlplat-' }, { lookup: answer(account(earlier)) });
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expect(notes(run, 'warn')).toEqual([
      'recorder ml-config-recorder was created by this pack with namePrefix "ml-config-": if this stack created it, pulumi up with namePrefix "mlplat-" deletes it and its delivery channel; set ml-config-rules:namePrefix back to "ml-config-" to keep it',
    ]);
  });

  it('adopts a recorder that records every supported type: no recorder, channel, bucket or role, and no missing types', async () => {
    const run = await runDeploy({ rules: RULES }, { lookup: answer(account(recorder('default', ALL))) });
    expect(run.deployed.recorderPlan).toMatchObject({ action: 'adopt', recorder: 'default' });
    expectNothingCreated(run);
    expect(run.ofType(T.rule)).toHaveLength(SELECTION.length);
    expect(notes(run, 'warn')).toEqual([]);
    expect(notes(run, 'info')).toEqual([
      'adopts recorder default (records all supported types): no recorder, delivery channel or bucket is created; it records every type the selected rules need',
      'recorder default is recording (last status SUCCESS) and delivers through channel default',
    ]);
  });

  it('adopts a recorder of listed types and names, in one warning, the types it lacks and the command that adds them', async () => {
    const run = await runDeploy({ rules: RULES }, { lookup: answer(account(recorder('default', SOME))) });
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expectNothingCreated(run);
    const [warning, ...others] = notes(run, 'warn');
    expect(others).toEqual([]);
    expect(warning).toContain(`recorder default does not record ${MISSING.join(', ')}, which the selected rules need`);
    expect(warning).toContain('or set ml-config-rules:createRecorder true to let the deploy add them');
    expect(warning).not.toContain('\n');
    // The command repeats the recorder's name, role and mode, and lists the union.
    const [command, recorderJson, groupJson] =
      /aws configservice put-configuration-recorder .*?--configuration-recorder '(\{.*?\})' --recording-group '(\{.*?\})'(?=,)/.exec(
        warning!,
      )!;
    expect(JSON.parse(recorderJson!)).toEqual({
      name: 'default',
      roleARN: ROLE,
      recordingMode: { recordingFrequency: 'DAILY' },
    });
    expect(JSON.parse(groupJson!)).toEqual({
      allSupported: false,
      includeGlobalResourceTypes: false,
      resourceTypes: [...new Set([...SOME!.resourceTypes!, ...NEEDED])].sort(),
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    expect(command).toContain('--region us-east-1');
  });

  it('warns, with the command that starts it, when the adopted recorder is stopped', async () => {
    const run = await runDeploy(
      { rules: RULES },
      { lookup: answer(account(recorder('default', ALL, { recording: false }))) },
    );
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expect(notes(run, 'warn')).toEqual([
      'recorder default is stopped: the rules get no change notifications until it records (aws configservice start-configuration-recorder --configuration-recorder-name default)',
    ]);
  });

  it('warns that the adopted recorder cannot record without a delivery channel, and creates none', async () => {
    const run = await runDeploy(
      { rules: RULES },
      { lookup: answer(account(recorder('default', ALL, { recording: false }), { channels: [] })) },
    );
    expectNothingCreated(run);
    const [warning] = notes(run, 'warn');
    expect(warning).toMatch(/^recorder default has no delivery channel, so Config cannot start it: create one/);
    expect(notes(run, 'warn')).toHaveLength(1);
  });

  it("adopts Control Tower's recorder and points to Control Tower for the types it lacks", async () => {
    const ct = recorder('aws-controltower-BaselineConfigRecorder', SOME);
    const run = await runDeploy(
      { rules: RULES },
      { lookup: answer(account(ct, { channels: [{ name: 'aws-controltower-BaselineConfigDeliveryChannel' }] })) },
    );
    expect(run.deployed.recorderPlan).toMatchObject({ action: 'adopt', recorder: ct.recorder.name });
    expectNothingCreated(run);
    expect(notes(run, 'info')[0]).toBe(
      "adopts Control Tower's recorder aws-controltower-BaselineConfigRecorder (records 3 listed types) and never changes it, as Control Tower's guidance asks: no recorder, delivery channel or bucket is created",
    );
    expect(notes(run, 'warn')).toEqual([
      `Control Tower's recorder aws-controltower-BaselineConfigRecorder does not record ${MISSING.join(', ')}, which the selected rules need: add them through Control Tower (https://aws.amazon.com/solutions/guidance/customizing-aws-config-resources-in-aws-control-tower/), not this deploy`,
    ]);
  });

  it('creates its own recorder beside a service-linked one, which it leaves as it is', async () => {
    const run = await runDeploy(
      { rules: RULES },
      {
        lookup: answer(
          account(undefined, {
            serviceLinked: [
              { name: 'AWSConfigurationRecorderForSecurityHub', servicePrincipal: 'securityhub.amazonaws.com' },
            ],
          }),
        ),
      },
    );
    expect(run.deployed.recorderPlan.action).toBe('create');
    expect(run.named('recorder-recorder').inputs.name).toBe('ml-config-recorder');
    expect(run.ofType(T.recorder)).toHaveLength(1);
    expect(notes(run, 'info')).toContain(
      'service-linked recorder AWSConfigurationRecorderForSecurityHub (securityhub.amazonaws.com) is left as it is: its service decides what it records, so the rules do not rely on it',
    );
  });

  it('fails the preview, naming the key, when a delivery channel exists without a customer managed recorder', async () => {
    await expect(
      runDeploy(
        { rules: RULES },
        { lookup: answer(account(undefined, { channels: [{ name: 'default', s3BucketName: 'b' }] })) },
      ),
    ).rejects.toThrow(
      /^ml-config-rules:createRecorder: delivery channel default exists in us-east-1 without a customer managed recorder, and Config allows one channel per Region: /,
    );
  });

  it('fails the preview, naming the key and the grants, when the lookup fails', async () => {
    const denied = async (): Promise<AccountRecording> => {
      throw new Error(
        'DescribeConfigurationRecorders in us-east-1: access denied; grant config:DescribeConfigurationRecorders',
      );
    };
    await expect(runDeploy({ rules: RULES }, { lookup: denied })).rejects.toThrow(
      "ml-config-rules:createRecorder: auto reads this Region's recorder and delivery channel first, and that failed: DescribeConfigurationRecorders in us-east-1: access denied; grant config:DescribeConfigurationRecorders. Grant config:DescribeConfigurationRecorders",
    );
  });

  it('writes each note as one line of the preview, warnings as warnings', async () => {
    const info = vi.spyOn(pulumi.log, 'info').mockImplementation(() => Promise.resolve());
    const warn = vi.spyOn(pulumi.log, 'warn').mockImplementation(() => Promise.resolve());
    const run = await runDeploy(
      { rules: RULES },
      { lookup: answer(account(recorder('default', SOME, { recording: false }))) },
    );
    expect(warn.mock.calls.map((c) => c[0])).toEqual(notes(run, 'warn'));
    expect(info.mock.calls.map((c) => c[0])).toEqual(notes(run, 'info'));
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('createRecorder true', () => {
  it('extends an existing recorder of listed types with the union, keeping its name, role and mode, and keeps it on destroy', async () => {
    const run = await runDeploy(
      { rules: RULES, createRecorder: 'true' },
      { lookup: answer(account(recorder('default', SOME))) },
    );
    expect(run.deployed.recorderPlan).toMatchObject({ action: 'extend', recorder: 'default', added: MISSING });
    const [extended, ...others] = run.ofType(T.recorder);
    expect(others).toEqual([]);
    expect(extended!.name).toBe('extended-recorder');
    expect(extended!.retainOnDelete).toBe(true);
    expect(extended!.inputs).toEqual({
      name: 'default',
      roleArn: ROLE,
      recordingGroup: {
        allSupported: false,
        includeGlobalResourceTypes: false,
        resourceTypes: [...new Set([...SOME!.resourceTypes!, ...NEEDED])].sort(),
        recordingStrategies: [{ useOnly: 'INCLUSION_BY_RESOURCE_TYPES' }],
      },
      recordingMode: { recordingFrequency: 'DAILY' },
    });
    // Never a second recorder or channel, and nothing for a recorder the deploy does not own.
    for (const type of [T.channel, T.status, T.bucket]) expect(recorderOnes(run, type), type).toEqual([]);
    for (const rule of run.ofType(T.rule)) expect(rule.dependsOn, rule.name).toContain('extended-recorder');
    expect(notes(run, 'info')[0]).toBe(
      `extends recorder default (records 3 listed types) with ${MISSING.join(', ')}, keeping its name, role, recording mode and strategy; pulumi destroy leaves it in place`,
    );
  });

  it('takes the needed types off an exclusion list and keeps the other exclusions and the override', async () => {
    const excluding = recorder('default', {
      allSupported: false,
      includeGlobalResourceTypes: false,
      exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::Instance', 'AWS::S3::Bucket'] },
      recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
    } as ConfigurationRecorder['recordingGroup']);
    excluding.recorder.recordingMode = {
      recordingFrequency: 'CONTINUOUS',
      recordingModeOverrides: [
        { description: 'instances daily', recordingFrequency: 'DAILY', resourceTypes: ['AWS::EC2::Instance'] },
      ],
    };
    const run = await runDeploy({ rules: RULES, createRecorder: 'true' }, { lookup: answer(account(excluding)) });
    expect(run.deployed.recorderPlan).toMatchObject({ action: 'extend', added: ['AWS::S3::Bucket'] });
    expect(run.named('extended-recorder').inputs).toMatchObject({
      recordingGroup: {
        allSupported: false,
        exclusionByResourceTypes: [{ resourceTypes: ['AWS::EC2::Instance'] }],
        recordingStrategies: [{ useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' }],
      },
      recordingMode: {
        recordingFrequency: 'CONTINUOUS',
        recordingModeOverride: {
          description: 'instances daily',
          recordingFrequency: 'DAILY',
          resourceTypes: ['AWS::EC2::Instance'],
        },
      },
    });
  });

  it('changes nothing when the existing recorder already records every needed type', async () => {
    const run = await runDeploy(
      { rules: RULES, createRecorder: 'true' },
      { lookup: answer(account(recorder('default', ALL))) },
    );
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expectNothingCreated(run);
  });

  it("never changes Control Tower's recorder, and says so", async () => {
    const ct = recorder('aws-controltower-BaselineConfigRecorder', SOME);
    const run = await runDeploy({ rules: RULES, createRecorder: 'true' }, { lookup: answer(account(ct)) });
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expectNothingCreated(run);
    expect(notes(run, 'warn')[0]).toMatch(
      /not this deploy; ml-config-rules:createRecorder true does not change a Control Tower recorder$/,
    );
  });

  it('does not extend when removing the needed types would empty an exclusion list, and gives the command instead', async () => {
    const excluding = recorder('default', {
      allSupported: false,
      exclusionByResourceTypes: { resourceTypes: ['AWS::S3::Bucket'] },
      recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
    } as ConfigurationRecorder['recordingGroup']);
    const run = await runDeploy({ rules: RULES, createRecorder: 'true' }, { lookup: answer(account(excluding)) });
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expectNothingCreated(run);
    const [warning] = notes(run, 'warn');
    expect(warning).toContain('"recordingStrategy":{"useOnly":"ALL_SUPPORTED_RESOURCE_TYPES"}');
    expect(warning).toMatch(/the deploy cannot add them itself \(its exclusion list would end up empty\)$/);
  });
});

describe('createRecorder false', () => {
  it('makes no AWS call, creates and changes no recorder, and says how to check it', async () => {
    const lookup = vi.fn(async () => account(undefined));
    const run = await runDeploy({ rules: RULES, createRecorder: 'false' }, { lookup });
    expect(lookup).not.toHaveBeenCalled();
    expect(run.deployed.recorderPlan.action).toBe('skip');
    expectNothingCreated(run);
    expect(notes(run, 'info')).toEqual([
      `ml-config-rules:createRecorder is false: the deploy neither reads nor changes this Region's recorder; \`ml-config-rules doctor\` checks that it records the ${NEEDED.length} types the selected rules need`,
    ]);
  });
});

describe('organization mode with memberRecorder create', () => {
  it("adopts this account's recorder and still creates the delivery bucket and recorders for the members", async () => {
    const run = await runDeploy(
      { rules: RULES, organization: 'true', memberRecorder: 'create' },
      { lookup: answer(account(recorder('default', ALL))) },
    );
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    expect(run.ofType(T.recorder)).toEqual([]);
    expect(recorderOnes(run, T.bucket)).toHaveLength(1);
    const template = JSON.parse(run.ofType(T.stackSet)[0]!.inputs.templateBody);
    expect(template.Resources.Recorder.Type).toBe('AWS::Config::ConfigurationRecorder');
    expect(ORG.accounts.length).toBeGreaterThan(1);
  });

  it('warns a delegated administrator, itself a member, that the stack set would bring a second recorder', async () => {
    const run = await runDeploy(
      { rules: RULES, organization: 'true', memberRecorder: 'create', delegatedAdmin: 'true' },
      { lookup: answer(account(undefined)) },
    );
    expect(run.deployed.recorderPlan.action).toBe('create');
    expect(notes(run, 'warn')).toEqual([
      'ml-config-rules:createRecorder: a delegated administrator is a member account too; if the stack set deploys there, its recorder would be a second one: set ml-config-rules:createRecorder false in that case',
    ]);
  });
});
