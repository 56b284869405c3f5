// `scan` across accounts against the local emulator: the role is assumed through the emulator's
// STS (which switches to the account named in the role ARN), accounts come from --accounts or
// from Organizations' ListAccounts, and every row, JUnit suite and the summary name the account.
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../cli/scan/run.js';
import { runCli } from '../support/run-cli.js';
import { startFakeAws, type FakeAws } from '../support/fake-aws.js';
import { motoInstalled, startMoto, type Moto } from '../support/moto.js';
import { seedChurnPipeline, REGION } from '../support/seed.js';
import { ruleById } from '../../rules/index.js';

const HOME = '123456789012';
const MEMBER = '210987654321';
// The member role the deploy's organization mode creates (deploy/config.ts memberRoleName default).
const ROLE = 'ml-config-rules-evaluator';

let moto: Moto;
const options = () => ({
  region: REGION,
  endpoint: moto.url,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

/** Resources in the member account, created with the member role's credentials. */
async function seedMember() {
  const sts = new STSClient(options());
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 'seed' }),
  );
  const sagemaker = new SageMakerClient({
    ...options(),
    credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
  });
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: 'fraud-scorer',
      ExecutionRoleArn: `arn:aws:iam::${MEMBER}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`,
      PrimaryContainer: {
        Image: `${MEMBER}.dkr.ecr.${REGION}.amazonaws.com/fraud-scorer:1.4.2`,
        ModelDataUrl: 's3://fraud-model-artifacts/model.tar.gz',
      },
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'fraud-scorer-ec',
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'fraud-scorer', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 },
      ],
    }),
  );
  await sagemaker.send(
    new CreateEndpointCommand({
      EndpointName: 'fraud-scorer-prod',
      EndpointConfigName: 'fraud-scorer-ec',
      Tags: [{ Key: 'team', Value: 'risk-ml' }],
    }),
  );
  await sagemaker.send(
    new CreateEndpointCommand({ EndpointName: 'fraud-scorer-shadow', EndpointConfigName: 'fraud-scorer-ec' }),
  );
}

beforeAll(async () => {
  if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
  moto = await startMoto();
  await seedChurnPipeline(moto.env);
  await seedMember();
}, 120_000);
afterAll(async () => moto?.stop());

const rowsOf = (stdout: string) =>
  (JSON.parse(stdout) as Record<string, string>[])
    .map((r) => `${r.account} ${r.ComplianceResourceId} ${r.ComplianceType}`)
    .sort();

describe('scan across accounts', () => {
  it('assumes the role in each listed account and names the account on every row', async () => {
    const args = [
      'scan',
      '--rule',
      'sagemaker-endpoint-tagged',
      '--role-name',
      ROLE,
      '--accounts',
      `${HOME},${MEMBER}`,
    ];
    const run = await runCli([...args, '--format', 'json'], moto.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(rowsOf(run.stdout)).toEqual([
      `${HOME} churn-xgb-legacy NON_COMPLIANT`,
      `${HOME} churn-xgb-v3 COMPLIANT`,
      `${MEMBER} fraud-scorer-prod COMPLIANT`,
      `${MEMBER} fraud-scorer-shadow NON_COMPLIANT`,
    ]);
    const junit = await runCli([...args, '--format', 'junit'], moto.env);
    expect(junit.stdout).toContain(`<testsuite name="sagemaker-endpoint-tagged (${HOME})"`);
    expect(junit.stdout).toContain(`<testsuite name="sagemaker-endpoint-tagged (${MEMBER})"`);
    // In a pipe the rows are on stdout and the totals on stderr.
    const table = await runCli(args, moto.env);
    expect(table.stderr.trimEnd().split('\n').pop()).toBe(
      `4 evaluations by 1 rule in 2 accounts (${HOME}, ${MEMBER}), us-east-1: 2 non-compliant, 2 compliant, 0 not applicable`,
    );
  }, 90_000);

  it('takes the accounts from Organizations with --organization', async () => {
    const organizations = new OrganizationsClient(options());
    await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await organizations.send(new CreateAccountCommand({ AccountName: 'ml-sandbox', Email: 'ml-sandbox@example.org' }));
    const run = await runCli(
      ['scan', '--rule', 'sagemaker-endpoint-tagged', '--role-name', ROLE, '--organization', '--format', 'json'],
      moto.env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The management account's endpoints; the new account has none (and is scanned without error).
    expect(rowsOf(run.stdout)).toEqual([`${HOME} churn-xgb-legacy NON_COMPLIANT`, `${HOME} churn-xgb-v3 COMPLIANT`]);
  }, 90_000);

  it('refuses account options that do not fit together, with one line and exit 2', async () => {
    for (const [args, message] of [
      [['--accounts', HOME], /--accounts and --organization need --role-name/],
      [['--role-name', ROLE], /--role-name needs --accounts ID,... or --organization/],
      [
        ['--role-name', ROLE, '--accounts', '12345'],
        /--accounts must be 12-digit account ids separated by commas, got "12345"/,
      ],
      [['--role-name', ROLE, '--accounts', HOME, '--organization'], /use --accounts or --organization, not both/],
    ] as const) {
      const run = await runCli(['scan', '--rule', 'sagemaker-endpoint-tagged', ...args], moto.env);
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    }
  }, 90_000);
});

describe('an account that cannot be scanned', () => {
  let aws: FakeAws;
  beforeAll(async () => {
    aws = await startFakeAws({ ListEndpoints: () => ({ status: 200, body: { Endpoints: [] } }) });
  });
  afterAll(async () => aws?.close());

  it("is one row of the scan, and the other accounts' results stand", async () => {
    const reachable = { accountId: HOME };
    const roleArn = `arn:aws:iam::${MEMBER}:role/${ROLE}`;
    const refused = Object.assign(
      new Error(
        `User: arn:aws:iam::${HOME}:user/ml-platform-ci is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      ),
      {
        name: 'AccessDenied',
      },
    );
    const unreachable = { accountId: MEMBER, roleArn, credentials: async () => Promise.reject(refused) };
    const run = await runScan({
      rules: [ruleById('sagemaker-endpoint-tagged')!],
      regions: ['us-east-1'],
      accounts: [reachable, unreachable],
      clientsFor: (region) => aws.clients(region, { maxAttempts: 1 }),
    });
    expect(run.failures).toEqual([
      { account: MEMBER, error: `cannot assume ${roleArn}: AccessDenied: ${refused.message}` },
    ]);
    expect(run.results.map((r) => [r.rule, r.account, r.error])).toEqual([
      ['sagemaker-endpoint-tagged', HOME, undefined],
    ]);
  }, 90_000);
});
