// An account that already records, rehearsed against moto: a recorder and delivery channel are
// seeded in the emulator, the program's real lookup (deploy/existing-recorder.ts) reads them
// through AWS_ENDPOINT_URL, and what the program then registers is sent as AWS requests
// (rehearsal.ts). Adopted, no recorder or channel request is sent and the recorder stays as it
// was; extended (createRecorder true), one PutConfigurationRecorder with the union is sent and
// accepted; Control Tower's recorder is never sent a request.
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeConfigRules,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stackRecordingLookup } from '../../deploy/existing-recorder.js';
import { typesToRecord } from '../../rules/_core/recording.js';
import { rules } from '../../rules/index.js';
import { motoInstalled, startMoto, useMotoEnv, type Moto } from '../support/moto.js';
import { ACCOUNT, runDeploy, type DeployRun } from './harness.js';
import { makeClients, MOTO_UNLISTED_TYPES, rehearse, type Clients } from './rehearsal.js';

let moto: Moto;
let restoreEnv: () => void;
let clients: Clients;

beforeAll(async () => {
  if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
  // AWS managed policies (AWS_ConfigRole) exist in every account.
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

/** A selection whose needed types include two the seeded recorder lacks (and moto lists). */
const SELECTION = ['s3-bucket-versioning-enabled', 'sagemaker-model-network-isolation', 'sagemaker-domain-vpc-only'];
const RULES = SELECTION.join(',');
const NEEDED = typesToRecord(rules.filter((r) => SELECTION.includes(r.id)));
const SEEDED = ['AWS::EC2::Instance', 'AWS::S3::Bucket'];
const ROLE = `arn:aws:iam::${ACCOUNT}:role/platform-config-recorder`;
const BUCKET = 'platform-config-history';

/** What exists before the deploy: a started recorder of listed types and its delivery channel. */
async function seedRecorder(name: string, channel: string): Promise<void> {
  await clients.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await clients.config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name,
        roleARN: ROLE,
        recordingGroup: {
          allSupported: false,
          includeGlobalResourceTypes: false,
          resourceTypes: SEEDED as never[],
          recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
        },
      },
    }),
  );
  await clients.config.send(
    new PutDeliveryChannelCommand({ DeliveryChannel: { name: channel, s3BucketName: BUCKET } }),
  );
  await clients.config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: name }));
}

const recorders = async () =>
  (await clients.config.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];

async function ruleNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeConfigRules({ client: clients.config }, {}))
    names.push(...(page.ConfigRules ?? []).map((r) => r.ConfigRuleName!));
  return names.sort();
}

const sentTypes = (sent: { type: string }[]) => new Set(sent.map((s) => s.type));
const warnings = (run: DeployRun) =>
  run.deployed.recorderPlan.notes.filter((n) => n.level === 'warn').map((n) => n.text);

it('has a selection that needs types the seeded recorder lacks', () => {
  expect(NEEDED.filter((t) => !SEEDED.includes(t))).toEqual(['AWS::SageMaker::Domain', 'AWS::SageMaker::Model']);
  expect(NEEDED.some((t) => MOTO_UNLISTED_TYPES.includes(t))).toBe(false);
});

describe('the real lookup against the emulator', () => {
  it('reads the seeded recorder, its group, its status and the channel, and the program adopts it', async () => {
    await seedRecorder('default', 'default');
    const recording = await stackRecordingLookup()();
    expect(recording.region).toBe('us-east-1');
    expect(recording.customer?.recorder).toMatchObject({
      name: 'default',
      roleARN: ROLE,
      recordingGroup: { allSupported: false, resourceTypes: SEEDED },
    });
    expect(recording.customer?.recording).toBe(true);
    expect(recording.channels).toEqual([{ name: 'default', s3BucketName: BUCKET }]);
    expect(recording.serviceLinked).toEqual([]);
    // moto 5.2 does not offer ListConfigurationRecorders: the lookup goes on without the list.
    expect(recording.serviceLinkedUnread).toMatch(/^ListConfigurationRecorders in us-east-1: /);

    const run = await runDeploy({ rules: RULES }, { lookup: stackRecordingLookup() });
    expect(run.deployed.recorderPlan).toMatchObject({ action: 'adopt', recorder: 'default' });
    expect(warnings(run)).toHaveLength(1);
    expect(warnings(run)[0]).toContain(
      'recorder default does not record AWS::SageMaker::Domain, AWS::SageMaker::Model, which the selected rules need',
    );
  });

  it('finds nothing in an empty account, and the program creates the recorder', async () => {
    const recording = await stackRecordingLookup()();
    expect(recording.customer).toBeUndefined();
    expect(recording.channels).toEqual([]);
    const run = await runDeploy({ rules: RULES }, { lookup: stackRecordingLookup() });
    expect(run.deployed.recorderPlan.action).toBe('create');
    expect(run.named('recorder-recorder').inputs.name).toBe('ml-config-recorder');
  });

  it('fails the preview with one line naming the key when the endpoint does not answer', async () => {
    const lookup = stackRecordingLookup({ region: 'us-east-1' });
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    try {
      await expect(runDeploy({ rules: RULES }, { lookup })).rejects.toThrow(
        /^ml-config-rules:createRecorder: auto reads this Region's recorder and delivery channel first, and that failed: Describe\w+ in us-east-1: /,
      );
    } finally {
      process.env.AWS_ENDPOINT_URL = saved;
    }
  }, 60_000);
});

describe('rehearsal against moto: an account that already records', () => {
  it('adopted: sends no recorder, channel or status request, leaves the recorder as it was, and creates the rules', async () => {
    await seedRecorder('default', 'default');
    const before = await recorders();
    const run = await runDeploy({ rules: RULES }, { lookup: stackRecordingLookup() });
    const { sent } = await rehearse(run.resources, clients);
    // No delivery bucket: tracking's schema package bucket is the one bucket sent.
    const types = sentTypes(sent.filter((s) => !s.name.startsWith('tracking-')));
    for (const t of ['aws:cfg/recorder:Recorder', 'aws:cfg/deliveryChannel:DeliveryChannel', 'aws:s3/bucket:Bucket'])
      expect(types.has(t), t).toBe(false);
    expect(sent.filter((s) => s.type === 'aws:s3/bucket:Bucket').map((s) => s.name)).toEqual([
      'tracking-packages-bucket',
    ]);
    expect(types.has('aws:cfg/rule:Rule')).toBe(true);
    expect(await recorders()).toEqual(before);
    const channels = (await clients.config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? [];
    expect(channels.map((c) => c.name)).toEqual(['default']);
    expect(await ruleNames()).toEqual(SELECTION.map((id) => `ml-config-${id}`).sort());
  }, 120_000);

  it('extended (createRecorder true): one PutConfigurationRecorder with the union, accepted, on the same recorder', async () => {
    await seedRecorder('default', 'default');
    const run = await runDeploy({ rules: RULES, createRecorder: 'true' }, { lookup: stackRecordingLookup() });
    expect(run.deployed.recorderPlan).toMatchObject({ action: 'extend', recorder: 'default' });
    const { sent } = await rehearse(run.resources, clients);
    expect(sent.filter((s) => s.type.startsWith('aws:cfg/') && s.type !== 'aws:cfg/rule:Rule')).toEqual([
      { type: 'aws:cfg/recorder:Recorder', name: 'extended-recorder' },
    ]);
    const [only, ...others] = await recorders();
    expect(others).toEqual([]);
    expect(only).toMatchObject({ name: 'default', roleARN: ROLE });
    expect([...(only!.recordingGroup!.resourceTypes ?? [])].sort()).toEqual(
      [...new Set([...SEEDED, ...NEEDED])].sort(),
    );
    // An update keeps the recorder recording, through its own channel.
    const status = await clients.config.send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus?.map((s) => [s.name, s.recording])).toEqual([['default', true]]);
    expect(await ruleNames()).toEqual(SELECTION.map((id) => `ml-config-${id}`).sort());
  }, 120_000);

  it("Control Tower's recorder, even with createRecorder true: no recorder request, the recorder as it was", async () => {
    await seedRecorder('aws-controltower-BaselineConfigRecorder', 'aws-controltower-BaselineConfigDeliveryChannel');
    const before = await recorders();
    const run = await runDeploy({ rules: RULES, createRecorder: 'true' }, { lookup: stackRecordingLookup() });
    expect(run.deployed.recorderPlan.action).toBe('adopt');
    const { sent } = await rehearse(run.resources, clients);
    expect(sentTypes(sent).has('aws:cfg/recorder:Recorder')).toBe(false);
    expect(await recorders()).toEqual(before);
    expect(await ruleNames()).toHaveLength(SELECTION.length);
  }, 120_000);
});
