// The functions' code: the program builds each selected rule's own esbuild bundle and deploys
// it as an archive holding index.js only; the entry module (Pulumi.yaml `main`) runs as a whole;
// and no change-triggered rule's bundle contains or loads the SageMaker client, nor, with
// tracking on, the bundle of a rule whose types the pack records.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import * as pulumi from '@pulumi/pulumi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDir, bundledCode, trackerCode } from '../../deploy/bundles.js';
import { readStackConfig } from '../../deploy/config.js';
import { deployPack } from '../../deploy/program.js';
import { inventoryTypesOf, isScheduled } from '../../rules/_core/recording.js';
import { isPeriodic } from '../../rules/_core/rule.js';
import { ruleById, rules } from '../../rules/index.js';
import { buildRule, DIST, TRACKER_ID, type BuiltRule } from '../../scripts/build.js';
import { installMocks, settle, resolved, view } from './harness.js';

const run = promisify(execFile);
const SAGEMAKER_CLIENT = /node_modules\/@aws-sdk\/client-sagemaker\//;
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'ml-config-rules-deploy-bundles-'));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the program builds and deploys each rule's bundle", () => {
  it("archives the rule's own bundle and its CommonJS package.json, and nothing else, as each function's code", async () => {
    const resources = await installMocks({ rules: 'sagemaker-notebook-kms-key,sagemaker-training-job-volume-kms' });
    const deployed = deployPack(readStackConfig(), {
      code: bundledCode(outDir, { tracking: true }),
      trackerCode: trackerCode(outDir),
    });
    await settle();
    const functions = view(resources, deployed).ofType('aws:lambda/function:Function');
    // The two rules' functions, and the capture function (tracking is on by default).
    expect(functions.map((f) => f.name).sort()).toEqual([
      'sagemaker-notebook-kms-key-function',
      'sagemaker-training-job-volume-kms-function',
      'tracking-capture-function',
    ]);
    for (const fn of functions) {
      const capture = fn.name === 'tracking-capture-function';
      const id = fn.name.replace(/-function$/, '');
      const code = fn.inputs.code;
      expect(code).toBeInstanceOf(pulumi.asset.AssetArchive);
      const assets = await (code as pulumi.asset.AssetArchive).assets;
      expect(Object.keys(assets)).toEqual(['index.js', 'package.json']);
      const file = await (assets['index.js'] as pulumi.asset.FileAsset).path;
      // Rules with tracking on build into their own folder: `npm run build` writes today's bundles.
      expect(file).toBe(capture ? join(outDir, TRACKER_ID, 'index.js') : join(bundleDir(outDir, true), id, 'index.js'));
      expect(existsSync(file)).toBe(true);
      const packageJson = await (assets['package.json'] as pulumi.asset.FileAsset).path;
      expect(JSON.parse(readFileSync(packageJson, 'utf8'))).toEqual({ type: 'commonjs' });
    }
  }, 60_000);

  it('runs the entry module of Pulumi.yaml and exports the deployed names', async () => {
    // createRecorder false: the entry module then makes no AWS call (the recorder lookup is skipped).
    const resources = await installMocks({
      rules: 'sagemaker-model-network-isolation',
      notifications: 'off',
      createRecorder: 'false',
    });
    const entry = await import('../../deploy/index.js');
    await settle();
    expect(await resolved(entry.configRules)).toEqual(['ml-config-sagemaker-model-network-isolation']);
    expect(await Promise.all([entry.recorder, entry.existingRecorder, entry.deliveryBucket].map(resolved))).toEqual([
      null,
      null,
      null,
    ]);
    expect(resources.filter((r) => r.type === 'aws:cfg/rule:Rule')).toHaveLength(1);
    // The parts keep the URNs a stack deployed before the component gave them (deploy/stack-urns.ts).
    const aliasOf = (name: string) => resources.find((r) => r.name === name)?.aliases?.map((a) => a.spec);
    expect(aliasOf('ml-config-rules-rules')).toEqual([expect.objectContaining({ name: 'rules', noparent: true })]);
    expect(aliasOf('ml-config-rules-tracking')).toEqual([
      expect.objectContaining({ name: 'tracking', noparent: true }),
    ]);
    expect(aliasOf('ml-config-rules-rules-sagemaker-model-network-isolation-function')).toEqual([
      expect.objectContaining({ name: 'sagemaker-model-network-isolation-function' }),
    ]);
    // By default the program builds into dist/ (with tracking on, dist/tracked/ for the rules).
    const fn = resources.find((r) => r.name === 'ml-config-rules-rules-sagemaker-model-network-isolation-function')!;
    const assets = await (fn.inputs.code as pulumi.asset.AssetArchive).assets;
    expect(await (assets['index.js'] as pulumi.asset.FileAsset).path).toBe(
      join(bundleDir(DIST, true), 'sagemaker-model-network-isolation', 'index.js'),
    );
    const capture = resources.find((r) => r.name === 'ml-config-rules-tracking-capture-function')!;
    expect(capture.inputs.name).toBe('ml-config-tracking-capture');
    const captureAssets = await (capture.inputs.code as pulumi.asset.AssetArchive).assets;
    expect(await (captureAssets['index.js'] as pulumi.asset.FileAsset).path).toBe(join(DIST, TRACKER_ID, 'index.js'));
  }, 60_000);
});

describe('rules whose types Config records never load the SageMaker client', () => {
  const changeRules = rules.filter((r) => inventoryTypesOf(r).length === 0);
  let built: BuiltRule[];
  beforeAll(async () => {
    built = await Promise.all(changeRules.map((r) => buildRule(r, { outDir })));
  }, 120_000);

  it('bundles no module of @aws-sdk/client-sagemaker (esbuild metafile)', () => {
    expect(changeRules.length).toBeGreaterThan(0);
    for (const b of built) {
      const sagemaker = Object.keys(b.metafile.inputs).filter((input) => SAGEMAKER_CLIENT.test(input));
      expect(sagemaker, b.id).toEqual([]);
      expect(
        Object.keys(b.metafile.inputs).some((input) => input.includes('@aws-sdk/client-config-service')),
        b.id,
      ).toBe(true);
    }
  });

  it('bundles a rule without a scheduled run with the change path alone: no listing, clean-up or summary', () => {
    const scheduledOnly = ['reporting.ts', 'config-sources.ts', 'recording.ts', 'recordable-types.ts', 'handler.ts'];
    const changeOnly = built.filter((b) => !isScheduled(ruleById(b.id)!));
    expect(changeOnly.length).toBeGreaterThan(20);
    for (const b of changeOnly) {
      const own = Object.keys(b.metafile.inputs).filter((input) => input.startsWith('rules/_core/'));
      expect(own, b.id).toContain('rules/_core/change-handler.ts');
      expect(
        own.filter((input) => scheduledOnly.includes(input.slice('rules/_core/'.length))),
        b.id,
      ).toEqual([]);
    }
  });

  it('requires nothing outside the bundle when Lambda loads it in a fresh Node process', async () => {
    const script = `
      const loaded = {};
      for (const file of process.argv.slice(1)) {
        const before = new Set(Object.keys(require.cache));
        const mod = require(file);
        if (typeof mod.handler !== 'function') throw new Error(file + ' exports no handler');
        loaded[file] = Object.keys(require.cache).filter((k) => !before.has(k));
      }
      console.log(JSON.stringify(loaded));`;
    const { stdout } = await run(process.execPath, ['-e', script, ...built.map((b) => b.file)], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    const loaded = JSON.parse(stdout) as Record<string, string[]>;
    for (const b of built) expect(loaded[b.file], relative(outDir, b.file)).toEqual([b.file]);
  }, 60_000);

  it('bundles no adapter for a rule whose types tracking records, with tracking on', async () => {
    const tracked = rules.filter(
      (r) => inventoryTypesOf(r).length > 0 && inventoryTypesOf(r, { tracking: true }).length === 0,
    );
    expect(tracked.map((r) => r.id)).toContain('sagemaker-training-job-volume-kms');
    for (const rule of tracked.slice(0, 3)) {
      const b = await buildRule(rule, { outDir: join(outDir, 'tracked'), tracking: true });
      const inputs = Object.keys(b.metafile.inputs);
      expect(
        inputs.filter((input) => input.includes('rules/_inventory/')),
        rule.id,
      ).toEqual([]);
      expect(
        inputs.filter((input) => SAGEMAKER_CLIENT.test(input)),
        rule.id,
      ).toEqual([]);
    }
  }, 60_000);

  it('still bundles the SageMaker client for rules that list types through adapters, which load it on first use', async () => {
    const inventoryRule = rules.find((r) => isPeriodic(r) && r.source === 'inventory')!;
    const hybrid = rules.find((r) => r.id === 'sagemaker-resource-tagged')!;
    for (const rule of [inventoryRule, hybrid]) {
      const b = await buildRule(rule, { outDir });
      expect(
        Object.keys(b.metafile.inputs).some((input) => SAGEMAKER_CLIENT.test(input)),
        rule.id,
      ).toBe(true);
      expect(
        Object.keys(b.metafile.inputs).some((input) => input.includes('rules/_inventory/')),
        rule.id,
      ).toBe(true);
    }
  }, 60_000);
});
