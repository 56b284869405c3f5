// `doctor`: against the local emulator for the calls it implements (recorder, delivery channel,
// Config rules with their Lambda functions), and with the Config client mocked for the calls
// it does not (evaluation status, organization rule status, aggregator sources, remediation).
import {
  ConfigServiceClient,
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  DescribeOrganizationConfigRulesCommand,
  DescribeRemediationConfigurationsCommand,
  GetOrganizationConfigRuleDetailedStatusCommand,
  PutConfigRuleCommand,
  PutConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DescribeDocumentCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CloudFormationClient, DescribeOrganizationsAccessCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorClients } from '../cli/commands/doctor.js';
import { nameFailedCalls } from '../cli/live-sources.js';
import { configRuleName } from '../deploy/names.js';
import { ruleById, rules } from '../rules/index.js';
import { motoInstalled, startMoto, type Moto } from './support/moto.js';
import { runCli } from './support/run-cli.js';

const ACCOUNT = '123456789012';
const PREFIX = 'ml-config-';
const DEPLOYED = [
  'sagemaker-model-artifact-versioned-bucket',
  'sagemaker-notebook-no-direct-internet',
  'sagemaker-endpoint-tagged',
];

describe('against the emulator: a recorder that is stopped, no delivery channel, rules present and missing', () => {
  let moto: Moto;
  const clients = () => {
    const options = {
      region: 'us-east-1',
      endpoint: moto.url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    };
    return {
      config: nameFailedCalls(new ConfigServiceClient(options)),
      ssm: new SSMClient(options),
      sagemaker: nameFailedCalls(new SageMakerClient(options)),
      tagging: nameFailedCalls(new ResourceGroupsTaggingAPIClient(options)),
      lambda: new LambdaClient(options),
      iam: new IAMClient(options),
    };
  };

  beforeAll(async () => {
    if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
    moto = await startMoto({ accountId: ACCOUNT });
    const { config, lambda, iam } = clients();
    // The recorder the deploy would create, but recording SageMaker models only (moto knows no notebook type), never started.
    await config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: `${PREFIX}recorder`,
          roleARN: `arn:aws:iam::${ACCOUNT}:role/${PREFIX}config-recorder`,
          recordingGroup: {
            allSupported: false,
            includeGlobalResourceTypes: false,
            resourceTypes: ['AWS::SageMaker::Model'],
          },
        },
      }),
    );
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: `${PREFIX}eval`,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    for (const id of DEPLOYED) {
      const rule = ruleById(id)!;
      const fn = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: configRuleName(PREFIX, id),
          Runtime: 'nodejs22.x',
          Role: role.Role!.Arn!,
          Handler: 'index.handler',
          Code: { ZipFile: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]) },
        }),
      );
      const periodic = rule.trigger !== 'change';
      await config.send(
        new PutConfigRuleCommand({
          ConfigRule: {
            ConfigRuleName: configRuleName(PREFIX, id),
            Source: {
              Owner: 'CUSTOM_LAMBDA',
              SourceIdentifier: fn.FunctionArn!,
              SourceDetails: periodic
                ? [
                    {
                      EventSource: 'aws.config',
                      MessageType: 'ScheduledNotification',
                      MaximumExecutionFrequency: 'TwentyFour_Hours',
                    },
                  ]
                : [{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }],
            },
            ...(periodic ? {} : { Scope: { ComplianceResourceTypes: rule.resourceTypes as never } }),
          },
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it('fails the stopped recorder, the type it does not record and the missing delivery channel, and lists the rules', async () => {
    const rows = await runDoctor({
      regions: ['us-east-1'],
      prefix: PREFIX,
      rules,
      named: false,
      organization: false,
      clientsFor: () => clients(),
    });
    const row = (check: string, target?: string) =>
      rows.find((r) => r.check === check && (!target || r.target === target));
    expect(row('recorder')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^recorder ml-config-recorder is stopped: start it/),
    });
    // The deployed rules need S3 buckets recorded (looked up by the model rule); the recorder leaves them out.
    expect(row('recorder-types', 'AWS::S3::Bucket')).toEqual({
      check: 'recorder-types',
      target: 'AWS::S3::Bucket',
      status: 'fail',
      detail:
        'the recorder does not record AWS::S3::Bucket, which sagemaker-model-artifact-versioned-bucket looks up: add it to the recording group',
    });
    expect(row('delivery-channel')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/no delivery channel/),
    });
    expect(row('rules')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(new RegExp(`^3 of ${rules.length} rules deployed; not deployed: `)),
    });
    expect(
      rows
        .filter((r) => r.check === 'rule-state')
        .map((r) => [r.target, r.status])
        .sort(),
    ).toEqual(DEPLOYED.map((id) => [configRuleName(PREFIX, id), 'ok']).sort());
    // moto does not implement DescribeConfigRuleEvaluationStatus: said, as a check that could not run.
    expect(row('rule-evaluation')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^could not check \(DescribeConfigRuleEvaluationStatus( in [a-z0-9-]+)?: /),
    });
  });

  it('fails each rule the user named that is not deployed', async () => {
    const named = [ruleById('sagemaker-notebook-no-direct-internet')!, ruleById('s3-bucket-versioning-enabled')!];
    const rows = await runDoctor({
      regions: ['us-east-1'],
      prefix: PREFIX,
      rules: named,
      named: true,
      organization: false,
      clientsFor: () => clients(),
    });
    expect(rows.filter((r) => r.check === 'rules')).toEqual([
      {
        check: 'rules',
        target: 'ml-config-s3-bucket-versioning-enabled',
        status: 'fail',
        detail:
          "rule ml-config-s3-bucket-versioning-enabled does not exist: add s3-bucket-versioning-enabled to the stack's rules and run pulumi up",
      },
    ]);
  });

  it('as a command: JSON rows, exit 1 when a check fails; exit 2 and one line for bad input', async () => {
    const env = { ...moto.env, AWS_ACCOUNT_ID: ACCOUNT };
    const out = await runCli(['doctor', '--format', 'json', '--region', 'us-east-1'], env);
    expect(out.code).toBe(1);
    const rows = JSON.parse(out.stdout);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['check', 'target', 'status', 'detail']);
      expect(['ok', 'warn', 'fail']).toContain(r.status);
    }
    const other = await runCli(['doctor', '--prefix', 'other-', '--format', 'table'], { ...env, COLUMNS: '400' });
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/no Config rule named other-<rule id> here/);
    for (const args of [
      ['doctor', '--region', 'mars'],
      ['doctor', '--prefix', 'no spaces'],
      ['doctor', '--rule', 'no-such-rule'],
    ]) {
      const bad = await runCli(args, env);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});

describe('with the Config client mocked: what the emulator does not implement', () => {
  // Created here, not at collection time: mockClient patches every client of the class.
  const mocks = () => ({
    config: mockClient(ConfigServiceClient),
    ssm: mockClient(SSMClient),
    sagemaker: mockClient(SageMakerClient),
    // The organization's prerequisites (test/doctor-prerequisites.test.ts checks each outcome).
    organizations: mockClient(OrganizationsClient),
    cloudformation: mockClient(CloudFormationClient),
    sts: mockClient(STSClient),
  });
  let m: ReturnType<typeof mocks>;
  beforeAll(() => {
    m = mocks();
  });
  afterAll(() => {
    for (const mock of Object.values(m)) mock.restore();
  });
  const NOW = new Date('2026-11-28T12:00:00Z');
  const clientsFor = (): DoctorClients => ({
    config: new ConfigServiceClient({ region: 'us-east-1' }),
    ssm: new SSMClient({ region: 'us-east-1' }),
    sagemaker: new SageMakerClient({ region: 'us-east-1' }),
    tagging: new ResourceGroupsTaggingAPIClient({ region: 'us-east-1' }),
  });
  const ids = [
    's3-bucket-versioning-enabled',
    'sagemaker-notebook-kms-key',
    'sagemaker-endpoint-tagged',
    'sagemaker-training-job-volume-kms',
  ];
  const name = (id: string) => configRuleName(PREFIX, id);

  beforeEach(() => {
    for (const mock of Object.values(m)) mock.reset();
    m.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    m.organizations
      .on(DescribeOrganizationCommand)
      .resolves({ Organization: { Id: 'o-7k2qv9x4me', MasterAccountId: ACCOUNT, FeatureSet: 'ALL' } });
    m.organizations.on(ListAWSServiceAccessForOrganizationCommand).resolves({
      EnabledServicePrincipals: [
        { ServicePrincipal: 'config-multiaccountsetup.amazonaws.com' },
        { ServicePrincipal: 'config.amazonaws.com' },
      ],
    });
    m.organizations.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [] });
    m.cloudformation.on(DescribeOrganizationsAccessCommand).resolves({ Status: 'ENABLED' });
    // No endpoint here: the endpoint tag rule's tag check has nothing to compare (test/doctor-tags.test.ts).
    m.sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [] });
    m.config
      .on(DescribeConfigurationRecordersCommand)
      .resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }] });
    m.config
      .on(DescribeConfigurationRecorderStatusCommand)
      .resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success' }] });
    m.config
      .on(DescribeDeliveryChannelsCommand)
      .resolves({ DeliveryChannels: [{ name: 'default', s3BucketName: 'ml-config-delivery-123456789012' }] });
    m.config.on(DescribeDeliveryChannelStatusCommand).resolves({
      DeliveryChannelsStatus: [
        {
          name: 'default',
          configHistoryDeliveryInfo: {
            lastStatus: 'Failure',
            lastErrorCode: 'AccessDenied',
            lastErrorMessage: 'Access Denied',
          },
        },
      ],
    });
    m.config.on(DescribeConfigRulesCommand).resolves({
      ConfigRules: ids.map((id) => ({
        ConfigRuleName: name(id),
        ConfigRuleState: 'ACTIVE',
        Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: 'arn' },
      })),
    });
    m.config.on(DescribeConfigRuleEvaluationStatusCommand).resolves({
      ConfigRulesEvaluationStatus: [
        {
          ConfigRuleName: name('s3-bucket-versioning-enabled'),
          FirstEvaluationStarted: true,
          LastSuccessfulInvocationTime: new Date('2026-11-27T08:00:00Z'),
          LastFailedInvocationTime: new Date('2026-11-28T11:00:00Z'),
          LastErrorCode: 'AccessDeniedException',
          LastErrorMessage: 'User is not authorized to perform: config:PutEvaluations',
        },
        {
          ConfigRuleName: name('sagemaker-endpoint-tagged'),
          FirstEvaluationStarted: true,
          LastSuccessfulInvocationTime: new Date('2026-11-26T06:00:00Z'),
        },
        {
          ConfigRuleName: name('sagemaker-training-job-volume-kms'),
          FirstEvaluationStarted: true,
          LastSuccessfulInvocationTime: new Date('2026-11-28T06:00:00Z'),
        },
      ],
    });
    m.config.on(DescribeRemediationConfigurationsCommand).resolves({
      RemediationConfigurations: [
        {
          ConfigRuleName: name('s3-bucket-versioning-enabled'),
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'AWS-ConfigureS3BucketVersioning',
        },
      ],
    });
    m.ssm
      .on(DescribeDocumentCommand)
      .resolves({ Document: { Name: 'AWS-ConfigureS3BucketVersioning', Status: 'Active' } });
  });

  const run = (organization = false, regions = ['us-east-1']) =>
    runDoctor({
      regions,
      prefix: PREFIX,
      rules: ids.map((id) => ruleById(id)!),
      named: true,
      organization,
      clientsFor,
      now: NOW,
    });

  it('reads evaluation errors, a missing status, a late periodic rule and a failed delivery', async () => {
    const rows = await run();
    const at = (check: string, id: string) => rows.find((r) => r.check === check && r.target === name(id));
    expect(at('rule-evaluation', 's3-bucket-versioning-enabled')).toMatchObject({
      status: 'fail',
      detail:
        "last run failed at 2026-11-28T11:00:00Z with AccessDeniedException: User is not authorized to perform: config:PutEvaluations; see the function's log",
    });
    // Absent status (custom Lambda rules may have none) is a warning, never ok.
    expect(at('rule-evaluation', 'sagemaker-notebook-kms-key')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/no evaluation status/),
    });
    expect(at('rule-schedule', 'sagemaker-endpoint-tagged')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^no successful run in the last 24 h/),
    });
    expect(at('rule-schedule', 'sagemaker-training-job-volume-kms')).toMatchObject({ status: 'ok' });
    expect(rows.find((r) => r.check === 'delivery-channel')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/configuration history delivery failed with AccessDenied/),
    });
    expect(at('remediation', 's3-bucket-versioning-enabled')).toMatchObject({ status: 'ok' });
    expect(rows.find((r) => r.check === 'recorder-types')).toMatchObject({ status: 'ok' });
  });

  it('fails a remediation whose document does not exist', async () => {
    m.ssm
      .on(DescribeDocumentCommand)
      .rejects(Object.assign(new Error('Document not found'), { name: 'InvalidDocument' }));
    const rows = await run();
    expect(rows.find((r) => r.check === 'remediation')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/points at AWS-ConfigureS3BucketVersioning, which does not exist/),
    });
  });

  it("in organization mode: member accounts where a rule failed, and the aggregator's sources", async () => {
    m.config.on(DescribeOrganizationConfigRulesCommand).resolves({
      OrganizationConfigRules: [
        { OrganizationConfigRuleName: name('sagemaker-notebook-kms-key'), OrganizationConfigRuleArn: 'arn' },
        { OrganizationConfigRuleName: 'someone-elses-rule', OrganizationConfigRuleArn: 'arn2' },
      ],
    });
    m.config.on(GetOrganizationConfigRuleDetailedStatusCommand).resolves({
      OrganizationConfigRuleDetailedStatus: [
        { AccountId: '111111111111', ConfigRuleName: 'OrgConfigRule-x', MemberAccountRuleStatus: 'CREATE_SUCCESSFUL' },
        {
          AccountId: '222222222222',
          ConfigRuleName: 'OrgConfigRule-x',
          MemberAccountRuleStatus: 'CREATE_FAILED',
          ErrorCode: 'NoAvailableConfigurationRecorderException',
          ErrorMessage: 'no recorder',
        },
        { AccountId: '333333333333', ConfigRuleName: 'OrgConfigRule-x', MemberAccountRuleStatus: 'CREATE_IN_PROGRESS' },
      ],
    });
    m.config.on(DescribeConfigurationAggregatorSourcesStatusCommand).resolves({
      AggregatedSourceStatusList: [
        { SourceId: '111111111111', SourceType: 'ORGANIZATION', AwsRegion: 'us-east-1', LastUpdateStatus: 'SUCCEEDED' },
        {
          SourceId: '222222222222',
          SourceType: 'ORGANIZATION',
          AwsRegion: 'eu-west-1',
          LastUpdateStatus: 'FAILED',
          LastErrorCode: 'AccessDenied',
          LastErrorMessage: 'not authorized',
        },
      ],
    });
    const rows = (await run(true)).filter(
      (r) => r.check.startsWith('organization') || r.check.startsWith('aggregator'),
    );
    expect(rows.map((r) => [r.check, r.target, r.status])).toEqual([
      ['organization-rule', `${name('sagemaker-notebook-kms-key')} @ 222222222222`, 'fail'],
      ['organization-rule', `${name('sagemaker-notebook-kms-key')} @ 333333333333`, 'warn'],
      ['organization-rule', name('sagemaker-notebook-kms-key'), 'warn'],
      ['aggregator-source', 'ml-config-organization: 222222222222 eu-west-1', 'fail'],
    ]);
    expect(rows[0]!.detail).toMatch(
      /CREATE_FAILED in account 222222222222: NoAvailableConfigurationRecorderException no recorder/,
    );
    expect(m.config.commandCalls(DescribeConfigurationAggregatorSourcesStatusCommand)[0]!.args[0].input).toEqual({
      ConfigurationAggregatorName: 'ml-config-organization',
    });
  });

  it("in organization mode: the organization's prerequisites first, once for all Regions", async () => {
    const rows = await run(true, ['us-east-1', 'eu-west-1']);
    const prerequisites = [
      'management-account',
      'all-features',
      'trusted-access',
      'delegated-admin',
      'stacksets-access',
    ];
    const first = rows.findIndex((r) => !prerequisites.includes(r.check));
    expect(rows.slice(0, first).map((r) => [r.check, r.status])).toEqual([
      ['management-account', 'ok'],
      ['all-features', 'ok'],
      ['trusted-access', 'ok'],
      ['trusted-access', 'ok'],
      ['delegated-admin', 'ok'],
      ['delegated-admin', 'ok'],
      ['delegated-admin', 'ok'],
      ['stacksets-access', 'ok'],
    ]);
    expect(rows.slice(first).filter((r) => prerequisites.includes(r.check))).toEqual([]);
    expect((await run(false)).filter((r) => prerequisites.includes(r.check))).toEqual([]);
  });

  it('fails when the aggregator does not exist', async () => {
    m.config.on(DescribeOrganizationConfigRulesCommand).resolves({ OrganizationConfigRules: [] });
    m.config.on(DescribeConfigurationAggregatorSourcesStatusCommand).rejects(
      Object.assign(new Error('The configuration aggregator does not exist'), {
        name: 'NoSuchConfigurationAggregatorException',
      }),
    );
    const rows = await run(true);
    expect(rows.find((r) => r.check === 'aggregator')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/aggregator ml-config-organization does not exist/),
    });
    expect(rows.find((r) => r.check === 'organization-rules')).toMatchObject({ status: 'fail' });
  });
});
