// The package as a user gets it: `npm pack`, the tarball installed into an empty folder (no clone
// beside it), then the command run from there and the library imported from there. Runs the
// compiled JavaScript only: the tarball holds no TypeScript sources and no tsx.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../cli/paths.js';
import { rules } from '../../rules/index.js';
import { analyzeWithPack } from '../support/policy-analyzer.js';

const FIXTURE = 'fixtures/sagemaker-notebook-no-direct-internet/non-compliant.enabled.json';
let dir: string;
let app: string;
let files: string[];
/** What the install alone brought, before any test adds a Pulumi user's packages beside it. */
let installedAlone: { tsx: boolean; pulumi: boolean };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ml-config-rules-package-'));
  app = join(dir, 'app');
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PACKAGE_ROOT, encoding: 'utf8' }),
  );
  files = packed[0].files.map((f: { path: string }) => f.path);
  execFileSync('mkdir', [app]);
  writeFileSync(join(app, 'package.json'), '{"name":"user-app","private":true,"type":"module"}\n');
  execFileSync(
    'npm',
    ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed[0].filename)],
    { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  installedAlone = { tsx: existsSync(installed('tsx')), pulumi: existsSync(installed('@pulumi', 'pulumi')) };
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const installed = (...path: string[]) => join(app, 'node_modules', ...path);

describe('the packed tarball', () => {
  it('holds the compiled command, the declarations and the licence, and no TypeScript sources', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'bin/ml-config-rules.js', 'lib/cli.js', 'lib/index.js']));
    expect(files).toContain('lib/types/api/index.d.ts');
    // TypeScript only under rules/: the sources the component bundles into each Lambda function.
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('rules/'))).toEqual([]);
    expect(files).toContain('rules/index.ts');
    expect(readFileSync(join(PACKAGE_ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
  });

  it('installs without tsx or the Pulumi packages, which are for the clone and the deploy', () => {
    expect(existsSync(installed('ml-config-rules', 'lib', 'cli.js'))).toBe(true);
    expect(installedAlone).toEqual({ tsx: false, pulumi: false });
  });
});

describe('from an install', () => {
  it('runs the command: list and the shipped fixtures', () => {
    const list = spawnSync(installed('.bin', 'ml-config-rules'), ['list', '--format', 'json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(list.status, list.stderr).toBe(0);
    const ids = JSON.parse(list.stdout).map((r: { id: string }) => r.id);
    expect(ids).toContain('sagemaker-notebook-no-direct-internet');

    const test = spawnSync(installed('.bin', 'ml-config-rules'), ['test', '--rule', 'sagemaker-notebook-kms-key'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(test.status, test.stderr).toBe(0);
    // In a pipe: one tab-separated row per fixture on stdout, the summary on stderr.
    expect(test.stdout).toMatch(/^sagemaker-notebook-kms-key\tnon-compliant\.no-key\.json\tpass\t/m);
    expect(test.stderr).toMatch(/\d+ passed, 0 failed/);
  });

  it("imports { rules, evaluate } from 'ml-config-rules' and evaluates an item as PutEvaluations takes it", () => {
    writeFileSync(
      join(app, 'use.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { evaluate, rules } from 'ml-config-rules';",
        `const input = JSON.parse(readFileSync(${JSON.stringify(installed('ml-config-rules', FIXTURE))}, 'utf8'));`,
        "const evaluations = await evaluate('sagemaker-notebook-no-direct-internet', input);",
        'console.log(JSON.stringify({ ids: rules.map((r) => r.id), evaluations }));',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { ids, evaluations } = JSON.parse(run.stdout);
    expect(ids).toEqual(rules.map((r) => r.id));
    expect(evaluations).toEqual([
      {
        ComplianceResourceType: 'AWS::SageMaker::NotebookInstance',
        ComplianceResourceId: 'churn-explore',
        ComplianceType: 'NON_COMPLIANT',
        OrderingTimestamp: '2026-11-20T09:14:03.512Z',
        Annotation: 'DirectInternetAccess is Enabled',
      },
    ]);
  });

  it('refuses an unknown rule id with an error that names it', () => {
    writeFileSync(
      join(app, 'unknown.mjs'),
      "import { evaluate } from 'ml-config-rules';\nawait evaluate('no-such-rule', {}).catch((e) => console.log(e.message));\n",
    );
    const run = spawnSync(process.execPath, ['unknown.mjs'], { cwd: app, encoding: 'utf8' });
    expect(run.stdout).toMatch(/unknown rule "no-such-rule"/);
  });
});

/** What a Pulumi user's project has beside the package: the Pulumi SDKs, and esbuild for the component. */
function addPulumiPeers() {
  mkdirSync(installed('@pulumi'), { recursive: true });
  for (const name of ['@pulumi/policy', '@pulumi/pulumi', '@pulumi/aws', 'esbuild'])
    if (!existsSync(installed(name))) symlinkSync(join(PACKAGE_ROOT, 'node_modules', name), installed(name), 'dir');
}

describe('the Pulumi component from an install', () => {
  it("adds new MlConfigRules(...) to an existing TypeScript stack's program (under Pulumi's mocks)", () => {
    addPulumiPeers();
    writeFileSync(
      join(app, 'stack.mjs'),
      `import * as pulumi from '@pulumi/pulumi';
const registered = [];
await pulumi.runtime.setMocks(
  {
    newResource: (a) => {
      registered.push(a.type + ' ' + a.name);
      return { id: (a.inputs.name ?? a.name) + '-id', state: { ...a.inputs, arn: 'arn:aws:mock:::' + (a.inputs.name ?? a.name) } };
    },
    call: (a) =>
      ({
        'aws:index/getCallerIdentity:getCallerIdentity': { accountId: '210987654321', arn: 'arn:aws:iam::210987654321:user/ci', userId: 'AIDAEXAMPLE' },
        'aws:index/getPartition:getPartition': { partition: 'aws', dnsSuffix: 'amazonaws.com' },
        'aws:index/getRegion:getRegion': { name: 'eu-west-1', region: 'eu-west-1' },
      })[a.token],
  },
  'user-project',
  'dev',
  false,
);
const { MlConfigRules } = await import('ml-config-rules/pulumi');
// The user's own resources come first; the component joins them.
const pack = new MlConfigRules('ml-guardrails', {
  rules: ['sagemaker-notebook-kms-key'],
  createRecorder: 'false',
  tracking: 'off',
  notifications: 'off',
});
pulumi.all([pack.configRules, pack.functions]).apply(([rules, functions]) =>
  setTimeout(() => console.log(JSON.stringify({ rules, functions, registered })), 100),
);
`,
    );
    const run = spawnSync(process.execPath, ['stack.mjs'], { cwd: app, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { rules: ruleNames, functions, registered } = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(ruleNames).toEqual(['ml-config-sagemaker-notebook-kms-key']);
    expect(Object.keys(functions)).toEqual(['sagemaker-notebook-kms-key']);
    expect(registered).toContain('ml-config-rules:index:MlConfigRules ml-guardrails');
    expect(registered).toContain('aws:cfg/rule:Rule ml-guardrails-rules-sagemaker-notebook-kms-key-rule');
    // The function's code was bundled, from the installed package's rule sources, at deploy time.
    expect(existsSync(installed('ml-config-rules', 'dist', 'sagemaker-notebook-kms-key', 'index.js'))).toBe(true);
  }, 120_000);
});

describe('the policy pack from an install', () => {
  const pack = () => installed('ml-config-rules', 'lib', 'policy-pack');

  it('is a folder of its own: PulumiPolicy.yaml, plain JavaScript, and only Pulumi packages as dependencies', () => {
    expect(readFileSync(join(pack(), 'PulumiPolicy.yaml'), 'utf8')).toMatch(/^runtime: nodejs\nmain: index\.js$/m);
    const own = JSON.parse(readFileSync(join(pack(), 'package.json'), 'utf8'));
    expect(Object.keys(own.dependencies).sort()).toEqual(['@pulumi/policy', '@pulumi/pulumi']);
  });

  it("exports its policies as 'ml-config-rules/policy', loadable without Pulumi installed", () => {
    writeFileSync(
      join(app, 'policies.mjs'),
      "import { policies } from 'ml-config-rules/policy';\nconsole.log(JSON.stringify(policies.map((p) => p.name)));\n",
    );
    const run = spawnSync(process.execPath, ['policies.mjs'], { cwd: app, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toContain('sagemaker-notebook-no-direct-internet');
  });

  it("answers the engine's Analyze call once its Pulumi dependencies are installed", async () => {
    // What `pulumi install` in the pack's folder provides: @pulumi/policy and @pulumi/pulumi.
    addPulumiPeers();
    const diagnostics = await analyzeWithPack(join(pack(), 'index.js'), {
      type: 'aws:sagemaker/notebookInstance:NotebookInstance',
      name: 'churn-explore',
      properties: {
        name: 'churn-explore',
        instanceType: 'ml.t3.medium',
        roleArn: 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500',
        directInternetAccess: 'Enabled',
      },
    });
    const noInternet = diagnostics.find((d) => d.policy === 'sagemaker-notebook-no-direct-internet');
    expect(noInternet?.message).toMatch(/DirectInternetAccess is Enabled/);
  }, 60_000);
});
