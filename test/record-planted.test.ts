// `record` never writes a planted secret: values of every form the detector knows, planted where
// the third review planted them (tag values, presigned URLs, entrypoint and argument lists,
// pipeline parameter defaults, an .npmrc line in a script, JWTs), in realistic items. A property
// over generated plantings, the whole command once against mocked AWS, and the last pass, which
// refuses with one line and exit 2 whatever the scrub let through.
import { ConfigServiceClient, GetResourceConfigHistoryCommand } from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { record } from '../cli/commands/record.js';
import { findSurvivingSecret, Scrubber, scrubAll, UnsafeFixtureError } from '../cli/scrub.js';
import { RuleError } from '../rules/_core/errors.js';
import { fakeTokens } from './support/fake-tokens.js';
import { plainRegionClients } from './support/plain-clients.js';

const T = fakeTokens(23);
const ACCOUNT = '555566667777';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const presigned = `https://ml-artifacts.s3.amazonaws.com/churn/model.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${T.awsAccessKeyId}%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(T.awsSecretKey + T.awsSecretKey)}&X-Amz-Signature=${T.shopify.slice(6)}${T.shopify.slice(6)}`;

/** Tokens planted anywhere: formats of the preset, and ones it lacks that look generated or are JWTs. */
const PLANTED: readonly string[] = [
  T.githubClassic,
  T.slackWebhook,
  T.slackBot,
  T.npm,
  T.huggingface,
  T.anthropic,
  T.openaiProject,
  T.stripeLive,
  T.jwt,
  T.googleApiKey,
  T.awsAccessKeyId,
  T.awsSecretKey,
];
/** Slots whose name says they hold a secret, or whose values are free-form: a password goes there too. */
const NAMED_SLOTS = new Set(['Environment', 'ContainerEntrypoint', 'ContainerArguments', 'DbPassword', 'npmrc']);

/** A model as GetResourceConfigHistory returns it (API form: configuration as JSON text). */
function model(plant: (slot: string) => string) {
  const configuration = {
    ModelName: 'churn-v3',
    EnableNetworkIsolation: false,
    PrimaryContainer: {
      Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:3`,
      ModelDataUrl: plant('ModelDataUrl'),
      Environment: { SAGEMAKER_PROGRAM: 'inference.py', HF_HUB_CONFIG: plant('Environment') },
    },
    Description: `Serves churn; notes: ${plant('Description')}`,
    Containers: [
      {
        Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn-explainer:1`,
        ContainerEntrypoint: ['python3', 'serve.py', '--api-key', plant('ContainerEntrypoint')],
        ContainerArguments: ['--upstream', plant('ContainerArguments')],
      },
    ],
    PipelineDefinition: JSON.stringify({
      Version: '2020-12-01',
      Parameters: [
        { Name: 'InstanceType', Type: 'String', DefaultValue: 'ml.m5.xlarge' },
        { Name: 'DbPassword', Type: 'String', DefaultValue: plant('DbPassword') },
        { Name: 'Upstream', Type: 'String', DefaultValue: plant('ParameterDefault') },
      ],
      Steps: [],
    }),
    Setup: b64(
      `#!/bin/bash\necho "//registry.npmjs.org/:_authToken=${plant('npmrc')}" > ~/.npmrc\ncurl -o m.tar.gz "${plant('script URL')}"\n`,
    ),
    Tags: [{ Key: 'deploy', Value: plant('Tags list') }],
  };
  return {
    version: '1.3',
    accountId: ACCOUNT,
    configurationItemCaptureTime: new Date('2026-11-20T09:14:03.512Z'),
    configurationItemStatus: 'OK' as const,
    arn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/churn-v3`,
    resourceType: 'AWS::SageMaker::Model' as const,
    resourceId: 'churn-v3',
    resourceName: 'churn-v3',
    awsRegion: 'us-east-1',
    tags: { team: 'growth-ml', 'ci-webhook': plant('tags'), session: plant('tags 2') },
    relationships: [],
    configuration: JSON.stringify(configuration),
    supplementaryConfiguration: {},
  };
}

const SLOTS = [
  'ModelDataUrl',
  'Environment',
  'Description',
  'ContainerEntrypoint',
  'ContainerArguments',
  'DbPassword',
  'ParameterDefault',
  'npmrc',
  'script URL',
  'Tags list',
  'tags',
  'tags 2',
];

/** What a slot holds: the value itself, or where free text puts it. */
const inSlot = (slot: string, value: string) =>
  slot === 'ModelDataUrl' || slot === 'script URL' ? `${presigned}&x-id=${encodeURIComponent(value)}` : value;

describe('record never writes a planted secret', () => {
  it('for any planting of any form in any field: none survives, and the last pass finds nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PLANTED, T.password), { minLength: SLOTS.length, maxLength: SLOTS.length }),
        (drawn) => {
          // A password has no shape: it is planted only where a name or a free-form field says what it is.
          const values = drawn.map((v, i) => (v === T.password && !NAMED_SLOTS.has(SLOTS[i]!) ? T.npm : v));
          const planted = new Map(SLOTS.map((slot, i) => [slot, inSlot(slot, values[i]!)]));
          const item = model((slot) => planted.get(slot)!);
          const [scrubbed] = scrubAll(ACCOUNT, item).values;
          const written = JSON.stringify(scrubbed);
          const decoded = Buffer.from(JSON.parse(scrubbed.configuration).Setup, 'base64').toString('utf8');
          for (const value of new Set(values)) {
            expect(written).not.toContain(value);
            expect(written).not.toContain(encodeURIComponent(value));
            expect(decoded).not.toContain(value);
          }
          expect(findSurvivingSecret(scrubbed)).toBeUndefined();
        },
      ),
      { numRuns: 200, seed: 20261202 },
    );
  });

  it('names the presigned URL parts it removed and keeps the rest of the URL', () => {
    const [scrubbed] = scrubAll(undefined, { ModelDataUrl: presigned }).values;
    expect(scrubbed.ModelDataUrl).toMatch(
      /^https:\/\/ml-artifacts\.s3\.amazonaws\.com\/churn\/model\.tar\.gz\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Security-Token=REDACTED&X-Amz-Signature=REDACTED$/,
    );
  });

  it('takes out an Azure SAS signature and a generated-looking value under a *KEY name', () => {
    const sas = `https://mlfeatures.blob.core.windows.net/data?sv=2022-11-02&ss=b&sig=${encodeURIComponent(T.awsSecretKey)}`;
    const [scrubbed] = scrubAll(undefined, {
      Url: sas,
      Config: { MAPS_KEY: T.googleApiKey, PARTITION_KEY: 'customer_id' },
    }).values;
    expect(scrubbed).toEqual({
      Url: 'https://mlfeatures.blob.core.windows.net/data?sv=2022-11-02&ss=b&sig=REDACTED',
      Config: { MAPS_KEY: 'REDACTED', PARTITION_KEY: 'customer_id' },
    });
  });

  describe('the whole command, against mocked AWS', () => {
    const config = mockClient(ConfigServiceClient);
    const sts = mockClient(STSClient);
    const dirs: string[] = [];
    beforeEach(() => {
      config.reset();
      sts.reset();
      sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    });
    afterAll(() => {
      config.restore();
      sts.restore();
      vi.restoreAllMocks();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    const temp = () => {
      const dir = mkdtempSync(join(tmpdir(), 'record-planted-'));
      dirs.push(dir);
      return dir;
    };
    const options = (dir: string) => ({
      rule: 'sagemaker-model-network-isolation',
      as: 'non-compliant.planted',
      dir,
      region: 'us-east-1',
    });

    it('writes a fixture that holds none of the planted values and still gives its verdict', async () => {
      config.on(GetResourceConfigHistoryCommand).resolves({
        configurationItems: [model((slot) => inSlot(slot, PLANTED[SLOTS.indexOf(slot) % PLANTED.length]!))],
      });
      const dir = temp();
      const result = await record('AWS::SageMaker::Model', 'churn-v3', options(dir), plainRegionClients);
      expect(result.verdict).toBe('NON_COMPLIANT');
      const written = readFileSync(
        join(dir, 'sagemaker-model-network-isolation', 'non-compliant.planted.json'),
        'utf8',
      );
      for (const value of PLANTED) expect(written).not.toContain(value);
      expect(written).not.toContain(ACCOUNT);
    });

    it('refuses with one line, exit 2 and nothing written when anything secret-shaped is left', async () => {
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [model(() => T.githubClassic)] });
      // A scrub that missed everything: the last pass is what stands between it and the file.
      vi.spyOn(Scrubber.prototype, 'scrub').mockImplementation((value) => value);
      const dir = temp();
      const error = await record('AWS::SageMaker::Model', 'churn-v3', options(dir), plainRegionClients).catch(
        (e: unknown) => e,
      );
      vi.restoreAllMocks();
      expect(error).toBeInstanceOf(UnsafeFixtureError);
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).kind).toBe('input');
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(/still holds .* after scrubbing; nothing written$/);
      expect(message).not.toContain(T.githubClassic);
      expect(existsSync(join(dir, 'sagemaker-model-network-isolation'))).toBe(false);
    });
  });
});
