// `record` against AWS Config (client mocks): what the written fixture no longer holds, and how
// the command stops when scrubbing would change the verdict.
import { ConfigServiceClient, GetResourceConfigHistoryCommand } from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldChangingVerdict, record, type RecordedVerdict } from '../cli/commands/record.js';
import { plainRegionClients } from './support/plain-clients.js';
import { Scrubber } from '../cli/scrub.js';
import { fixturesOf, runFixture } from '../cli/local/fixtures.js';
import { ruleById } from '../rules/index.js';

const config = mockClient(ConfigServiceClient);
const sts = mockClient(STSClient);
const clientsFor = plainRegionClients;

const ACCOUNT = '555566667777';
// Built from parts so this file does not itself look like it holds credentials.
const LIVE_KEY = 'sk-live-' + '51ExampleExampleExample00';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYQ7EXAMPLEK';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function apiItem(type: string, id: string, configuration: object, tags: Record<string, string> = {}) {
  return {
    version: '1.3',
    accountId: ACCOUNT,
    configurationItemCaptureTime: new Date('2026-11-20T09:14:03.512Z'),
    configurationItemStatus: 'OK' as const,
    configurationStateId: '1795166043512',
    configurationItemMD5Hash: '',
    arn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${type.split('::')[2]!.toLowerCase()}/${id}`,
    resourceType: type as never,
    resourceId: id,
    resourceName: id,
    awsRegion: 'us-east-1',
    availabilityZone: 'Not Applicable',
    resourceCreationTime: new Date('2026-11-01T08:00:00.000Z'),
    tags,
    relatedEvents: [],
    relationships: [],
    configuration: JSON.stringify(configuration),
    supplementaryConfiguration: {},
  };
}

const dirs: string[] = [];
beforeEach(() => {
  config.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(() => {
  config.restore();
  sts.restore();
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'record-scrub-'));
  dirs.push(dir);
  return dir;
}

describe('record keeps secrets out of fixtures', () => {
  it('writes a model without its environment values, e-mails or account ids anywhere', async () => {
    const model = apiItem(
      'AWS::SageMaker::Model',
      'churn-v3',
      {
        ModelName: 'churn-v3',
        EnableNetworkIsolation: false,
        PrimaryContainer: {
          Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:3`,
          ModelDataUrl: `s3://churn-artifacts-${ACCOUNT}/v3/model.tar.gz`,
          Environment: { API_KEY: LIVE_KEY, SECRET: 'correct-horse-battery', AWS_SECRET_ACCESS_KEY: SECRET_KEY },
        },
      },
      {
        owner: 'Sam Lee <sam.lee@corp.example.org>',
        billing: `account ${ACCOUNT}`,
        oncall: 'alice@corp.example.org,bob@corp.example.org',
      },
    );
    config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [model] });
    const dir = tempDir();
    const result = await record(
      'AWS::SageMaker::Model',
      'churn-v3',
      { rule: 'sagemaker-model-network-isolation', as: 'non-compliant.env-secrets', dir, region: 'us-east-1' },
      clientsFor,
    );
    expect(result.verdict).toBe('NON_COMPLIANT');
    expect(result.scrubbed).toEqual({ accounts: { [ACCOUNT]: '123456789012' }, emails: 3, redacted: 3 });

    const written = readFileSync(
      join(dir, 'sagemaker-model-network-isolation', 'non-compliant.env-secrets.json'),
      'utf8',
    );
    for (const gone of [
      ACCOUNT,
      LIVE_KEY,
      'correct-horse-battery',
      SECRET_KEY,
      'sam.lee',
      'alice',
      'bob@',
      'corp.example.org',
    ])
      expect(written).not.toContain(gone);
    const item = JSON.parse(written).configurationItems[0];
    expect(JSON.parse(item.configuration).PrimaryContainer.Environment).toEqual({
      API_KEY: 'REDACTED',
      SECRET: 'REDACTED',
      AWS_SECRET_ACCESS_KEY: 'REDACTED',
    });
    expect(item.tags).toEqual({
      owner: 'Sam Lee <user1@example.com>',
      billing: 'account 123456789012',
      oncall: 'user2@example.com,user3@example.com',
    });
  });

  it('scrubs a lifecycle script inside its base64 Content, keeps the verdict and names no account in the annotation', async () => {
    const script = `#!/bin/bash\n# owner sam.lee@corp.example.org (account ${ACCOUNT})\nexport AWS_SECRET_ACCESS_KEY=${SECRET_KEY}\n`;
    const lifecycle = apiItem('AWS::SageMaker::NotebookInstanceLifecycleConfig', `setup-${ACCOUNT}`, {
      NotebookInstanceLifecycleConfigName: `setup-${ACCOUNT}`,
      OnStart: [{ Content: b64(script) }],
    });
    config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [lifecycle] });
    const dir = tempDir();
    const rule = 'sagemaker-notebook-lifecycle-no-secrets';
    const result = await record(
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      `setup-${ACCOUNT}`,
      { rule, as: 'non-compliant.recorded', dir, region: 'us-east-1' },
      clientsFor,
    );
    expect(result).toMatchObject({
      verdict: 'NON_COMPLIANT',
      annotation: 'OnStart[0] line 3: AWS_SECRET_ACCESS_KEY set to a literal value',
    });

    const item = JSON.parse(readFileSync(join(dir, rule, 'non-compliant.recorded.json'), 'utf8')).configurationItems[0];
    expect(item.resourceId).toBe('setup-123456789012');
    const text = Buffer.from(JSON.parse(item.configuration).OnStart[0].Content, 'base64').toString('utf8');
    expect(text).toBe(
      '#!/bin/bash\n# owner user1@example.com (account 123456789012)\nexport AWS_SECRET_ACCESS_KEY=REDACTED\n',
    );
    const results = await Promise.all(fixturesOf(dir, rule).map((f) => runFixture(ruleById(rule)!, f)));
    expect(results.map((r) => [r.ok, r.actual])).toEqual([[true, 'NON_COMPLIANT']]);
  });
});

describe('naming the field whose scrub changes a verdict', () => {
  it('scrubs one changed field at a time and names the first that changes the verdict on its own', async () => {
    const original = {
      configurationItems: [
        {
          configuration: JSON.stringify({
            A: { owner: 'sam@corp.example.org' },
            B: { contact: 'ops@corp.example.org' },
          }),
        },
      ],
    };
    const scrubber = new Scrubber();
    scrubber.learn(original);
    scrubber.scrub(original);
    // A stand-in verdict that depends on one of the two scrubbed fields only.
    const verdictOf = async ([, fixture]: Record<string, any>[]): Promise<RecordedVerdict> => {
      const configuration = JSON.parse(fixture!.configurationItems[0].configuration);
      const type = configuration.B.contact.endsWith('corp.example.org') ? 'COMPLIANT' : 'NON_COMPLIANT';
      return { type, said: type };
    };
    const field = await fieldChangingVerdict(scrubber, [{}, original], ['--params', ''], 'COMPLIANT', verdictOf);
    expect(field).toBe('configurationItems[0].configuration.B.contact');
  });
});
