// The command-line conventions infrastructure-as-code users expect, on every command: --version,
// --profile where AWS is called, one spelling of --fail-on, --help ending with an example and the
// exit codes, a folder given to check-template, and a suggestion for a misspelt rule id.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { closest } from '../cli/suggest.js';
import { fixturePath } from './support/fixtures.js';
import { cli } from './support/run-cli.js';

const COMMANDS = [
  'list',
  'evaluate',
  'test',
  'sample',
  'check-template',
  'scan',
  'record',
  'history',
  'track',
  'doctor',
];
const AWS_COMMANDS = ['evaluate', 'scan', 'record', 'history', 'track', 'doctor'];
const scratch = mkdtempSync(join(tmpdir(), 'ml-config-rules-conventions-'));

/** The option lines of a command's --help. */
const helpOf = async (command: string) => (await cli([command, '--help'])).stdout;
/** An option's entry in a --help, its wrapped lines joined. */
const optionLine = (help: string, option: string) =>
  new RegExp(`\\n {2}${option} [\\s\\S]*?(?=\\n {2}-|\\n\\n)`).exec(help)?.[0].replace(/\s+/g, ' ').trim();

describe('--version', () => {
  it.each([['--version'], ['-V']])('%s prints the version of package.json and exits 0', async (flag) => {
    const run = await cli([flag]);
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });
});

describe('--help', () => {
  it.each(['', ...COMMANDS])('%s --help ends with one example and the exit codes', async (command) => {
    const run = await cli([...(command ? [command] : []), '--help']);
    expect(run.code).toBe(0);
    const tail = run.stdout.slice(run.stdout.indexOf('\nExample:\n'));
    expect(tail).toMatch(
      /^\nExample:\n {2}\$ npx ml-config-rules \S.*\n\nExit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n$/,
    );
    if (command) expect(tail).toContain(`npx ml-config-rules ${command}`);
  });
});

describe('--fail-on', () => {
  it('has the same values, spelling and meaning on every command that takes it', async () => {
    const lines = await Promise.all(
      ['evaluate', 'check-template', 'scan'].map(async (c) => optionLine(await helpOf(c), '--fail-on')),
    );
    expect(lines[0]).toMatch(/choices: "non-compliant", "NON_COMPLIANT"/);
    expect(new Set(lines).size).toBe(1);
  });

  it('evaluate --fail-on non-compliant exits 1 on a NON_COMPLIANT verdict, 0 on a COMPLIANT one', async () => {
    const rule = 'sagemaker-notebook-no-direct-internet';
    const run = (file: string) =>
      cli(['evaluate', fixturePath(rule, file), '--rule', rule, '--fail-on', 'non-compliant', '--format', 'json']);
    expect((await run('non-compliant.enabled.json')).code).toBe(1);
    expect((await run('compliant.disabled.json')).code).toBe(0);
  });
});

describe('--profile', () => {
  it('is offered by every command that calls AWS, and by no other', async () => {
    for (const command of COMMANDS) {
      const has = optionLine(await helpOf(command), '--profile') !== undefined;
      expect(has, command).toBe(AWS_COMMANDS.includes(command));
    }
  });

  it("signs the calls with the profile's credentials and Region, not the environment's", async () => {
    // A loopback endpoint that records who signed each call and answers with an AWS error.
    const signed: string[] = [];
    const server = createServer((req, res) => {
      signed.push(String(req.headers.authorization ?? ''));
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'denied' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = join(scratch, 'aws');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config'), '[profile audit]\nregion = eu-west-3\n');
    writeFileSync(
      join(dir, 'credentials'),
      '[audit]\naws_access_key_id = AKIAPROFILEEXAMPLE01\naws_secret_access_key = profile-secret\n',
    );
    // The Region must come from the profile: none in the environment.
    const region = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      const run = await cli(['history', 'AWS::SageMaker::Model', 'churn-model', '--profile', 'audit'], {
        AWS_CONFIG_FILE: join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENTEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'environment-secret',
        AWS_MAX_ATTEMPTS: '1',
      });
      expect(run.stderr).toMatch(/^ml-config-rules: .*denied\n$/);
      expect(run.code).toBe(1);
      expect(signed.length).toBeGreaterThan(0);
      for (const header of signed) expect(header).toContain('Credential=AKIAPROFILEEXAMPLE01/');
      for (const header of signed) expect(header).toContain('/eu-west-3/config/aws4_request');
    } finally {
      if (region[0] !== undefined) process.env.AWS_REGION = region[0];
      if (region[1] !== undefined) process.env.AWS_DEFAULT_REGION = region[1];
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('check-template DIR', () => {
  const repo = join(scratch, 'repo');
  mkdirSync(join(repo, 'infra'), { recursive: true });
  mkdirSync(join(repo, 'cdk.out'), { recursive: true });
  mkdirSync(join(repo, 'node_modules', 'dep'), { recursive: true });
  const notebook = (internet: string) =>
    `Resources:\n  Nb:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::123456789012:role/nb\n      DirectInternetAccess: ${internet}\n`;
  writeFileSync(join(repo, 'infra', 'notebook.yaml'), notebook('Enabled'));
  writeFileSync(join(repo, 'infra', 'workflow.yml'), 'on: push\njobs: {}\n');
  writeFileSync(join(repo, 'package.json'), '{"name": "infra"}');
  writeFileSync(join(repo, 'node_modules', 'dep', 'template.yaml'), notebook('Enabled'));
  writeFileSync(
    join(repo, 'cdk.out', 'Stack.template.json'),
    JSON.stringify({
      Resources: {
        Nb2: { Type: 'AWS::SageMaker::NotebookInstance', Properties: { DirectInternetAccess: 'Disabled' } },
      },
    }),
  );
  writeFileSync(join(repo, 'cdk.out', 'manifest.json'), JSON.stringify({ artifacts: { Resources: {} } }));

  it('checks the templates and the CDK output under it, skipping node_modules and files that are not templates', async () => {
    const run = await cli([
      'check-template',
      repo,
      '--rule',
      'sagemaker-notebook-no-direct-internet',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const findings = JSON.parse(run.stdout) as { template: string; ComplianceType: string }[];
    expect(findings.map((f) => [f.template, f.ComplianceType])).toEqual([
      [join(repo, 'cdk.out', 'Stack.template.json'), 'COMPLIANT'],
      [join(repo, 'infra', 'notebook.yaml'), 'NON_COMPLIANT'],
    ]);
  });

  it('refuses a folder with no template, in one line with exit 2', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty, { recursive: true });
    const run = await cli(['check-template', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^ml-config-rules: .*empty: no CloudFormation template under it .*node_modules skipped\)\n$/,
    );
  });
});

describe('a misspelt rule id', () => {
  it('gets the closest id of the registry', async () => {
    const run = await cli(['test', '--rule', 's3-bucket-kms-encyrption']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ml-config-rules: unknown rule "s3-bucket-kms-encyrption" (did you mean s3-bucket-kms-encryption?)\n',
    );
  });

  it('in --params too; and nothing is suggested for a name close to none', async () => {
    const run = await cli([
      'check-template',
      fixturePath('_templates', 'ml-platform.yaml'),
      '--params',
      '{"sagemaker-notebok-kms-key": {}}',
    ]);
    expect(run.stderr).toContain('did you mean sagemaker-notebook-kms-key?');
    expect(closest('no-such-rule', ['s3-bucket-kms-encryption', 'sagemaker-model-in-vpc'])).toBeUndefined();
  });
});
