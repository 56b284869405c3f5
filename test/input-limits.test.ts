// Inputs a careless user or an attacker could give: each is refused with one line and exit 2
// (a typed input error in the runtime), never a stack overflow, a crash or a silent acceptance.
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES_DIR } from '../cli/paths.js';
import { MAX_DEPTH } from '../rules/_core/depth.js';
import { InvalidEventError, InvalidParametersError } from '../rules/_core/errors.js';
import { parseEvent } from '../rules/_core/event.js';
import { makeHandler } from '../rules/_core/handler.js';
import { parseParams, parseRuleParametersString } from '../rules/_core/params.js';
import { ruleById } from '../rules/index.js';
import { fixtureEvent } from './support/fixtures.js';
import { cli as runCli } from './support/run-cli.js';

const RULE = 'sagemaker-notebook-no-direct-internet';
const dir = mkdtempSync(join(tmpdir(), 'input-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const changeEvent = (item: object) => ({
  invokingEvent: JSON.stringify({
    messageType: 'ConfigurationItemChangeNotification',
    configurationItem: item,
    notificationCreationTime: '2026-11-20T09:14:05.118Z',
  }),
  ruleParameters: '{}',
  resultToken: 'token',
});
const notebook = {
  configurationItemCaptureTime: '2026-11-20T09:14:03.512Z',
  configurationItemStatus: 'OK',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  resourceId: 'churn-explore',
  awsAccountId: '123456789012',
  tags: {},
  configuration: { DirectInternetAccess: 'Disabled' },
  supplementaryConfiguration: {},
};

describe('parameter names', () => {
  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'refuses %s, which every object inherits',
    (name) => {
      const raw = JSON.parse(`{"${name}": "x"}`);
      expect(() => parseParams('some-rule', {}, raw)).toThrow(
        new InvalidParametersError(
          `rule some-rule: unknown parameter "${name}" (this rule takes: scopeTagKey, scopeTagValue)`,
        ),
      );
    },
  );
});

describe('deep nesting', () => {
  it(`refuses an invokingEvent nested deeper than ${MAX_DEPTH} levels, 100,000 deep included`, () => {
    const invokingEvent = `{"messageType":"ConfigurationItemChangeNotification","configurationItem":{"configuration":{"x":${deep(100_000)}}}}`;
    expect(() => parseEvent({ invokingEvent, resultToken: 't' })).toThrow(
      new InvalidEventError(`invokingEvent is nested deeper than ${MAX_DEPTH} levels`),
    );
  });

  it('refuses ruleParameters nested that deep', () => {
    expect(() => parseRuleParametersString(`{"a":${deep(100_000)}}`)).toThrow(
      `ruleParameters is nested deeper than ${MAX_DEPTH} levels`,
    );
  });

  it(`accepts nesting up to ${MAX_DEPTH} levels`, () => {
    const item = {
      ...notebook,
      configuration: { DirectInternetAccess: 'Disabled', x: JSON.parse(deep(MAX_DEPTH - 4)) },
    };
    expect(parseEvent(changeEvent(item)).kind).toBe('change');
  });

  it('the command answers a 100,000-deep event file with exit 2 and one line', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(
      file,
      JSON.stringify({ invokingEvent: `{"messageType":"ConfigurationItemChangeNotification","x":${deep(100_000)}}` }),
    );
    const run = await runCli(['evaluate', file, '--rule', RULE]);
    expect([run.code, run.stderr]).toEqual([
      2,
      `ml-config-rules: invokingEvent is nested deeper than ${MAX_DEPTH} levels\n`,
    ]);
    // 30,000 deep: as deep as a command-line argument can carry, and far past any stack's reach.
    const params = await runCli(['evaluate', file, '--rule', RULE, '--params', `{"a":${deep(30_000)}}`]);
    expect([params.code, params.stderr]).toEqual([
      2,
      `ml-config-rules: --params is nested deeper than ${MAX_DEPTH} levels\n`,
    ]);
  });
});

describe('capture times', () => {
  it('refuses an epoch number out of the date range with a typed error and exit 2', async () => {
    expect(() => parseEvent(changeEvent({ ...notebook, configurationItemCaptureTime: 1e20 }))).toThrow(
      InvalidEventError,
    );
    const file = join(dir, 'time.json');
    writeFileSync(file, JSON.stringify({ ...notebook, configurationItemCaptureTime: 1e20 }));
    const run = await runCli(['evaluate', file, '--rule', RULE]);
    expect([run.code, run.stderr]).toEqual([
      2,
      'ml-config-rules: configurationItemCaptureTime is not a date: 100000000000000000000 is out of range\n',
    ]);
  });
});

describe('fixture folders', () => {
  /** A copy of one rule's fixtures, broken in one way. */
  function brokenCopy(name: string, breakIt: (ruleDir: string) => void): string {
    const root = join(dir, name);
    cpSync(join(FIXTURES_DIR, RULE), join(root, RULE), { recursive: true });
    breakIt(join(root, RULE));
    return root;
  }

  it('`test --fixtures FILE` exits 2 naming the file', async () => {
    const file = join(dir, 'not-a-folder.json');
    writeFileSync(file, '{}');
    const run = await runCli(['test', '--fixtures', file]);
    expect([run.code, run.stderr]).toEqual([
      2,
      `ml-config-rules: --fixtures: ${file} is a file; give the folder that holds <rule-id>/<verdict>.<case>.json\n`,
    ]);
  });

  it('a `_lookup` that is a file exits 2 naming it', async () => {
    const root = brokenCopy('lookup-file', (d) => {
      rmSync(join(d, '_lookup'), { recursive: true, force: true });
      writeFileSync(join(d, '_lookup'), '[]');
    });
    const run = await runCli(['test', '--rule', RULE, '--fixtures', root]);
    expect([run.code, run.stderr]).toEqual([
      2,
      `ml-config-rules: ${join(root, RULE, '_lookup')} must be a folder of lookup items\n`,
    ]);
  });

  it.each([
    ['a list', '[]', 'must be a JSON object of fixture file names to parameter objects'],
    ['a string', '"kmsKeyArns=x"', 'must be a JSON object of fixture file names to parameter objects'],
    [
      'an entry that is not an object',
      '{"compliant.disabled.json": "x"}',
      'the parameters of compliant.disabled.json must be a JSON object',
    ],
  ])('a `_params.json` that is %s exits 2', async (_case, text, message) => {
    const root = brokenCopy(`params-${_case.replace(/\W+/g, '-')}`, (d) =>
      writeFileSync(join(d, '_params.json'), text),
    );
    const run = await runCli(['test', '--rule', RULE, '--fixtures', root]);
    const path = join(root, RULE, '_params.json');
    expect([run.code, run.stderr]).toEqual([
      2,
      `ml-config-rules: ${path}${message.startsWith('must') ? ' ' : ': '}${message}\n`,
    ]);
  });
});

describe('the Lambda log and PutEvaluations', () => {
  const config = mockClient(ConfigServiceClient);
  let order: string[];
  beforeEach(() => {
    config.reset();
    order = [];
    vi.spyOn(console, 'log').mockImplementation(
      (line: string) => void order.push(`log ${JSON.parse(line).kind} ${JSON.parse(line).complianceType ?? ''}`.trim()),
    );
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => config.restore());
  const handler = () => makeHandler(ruleById(RULE)!, { config: new ConfigServiceClient({ region: 'us-east-1' }) });

  it('logs the finding and the summary after PutEvaluations took the verdict', async () => {
    config.on(PutEvaluationsCommand).callsFake(() => {
      order.push('PutEvaluations');
      return { FailedEvaluations: [] };
    });
    await handler()(fixtureEvent(RULE, 'non-compliant.enabled.json'));
    expect(order).toEqual(['PutEvaluations', 'log verdict NON_COMPLIANT', 'log summary']);
  });

  it('marks the finding and the summary as not reported when PutEvaluations fails', async () => {
    config
      .on(PutEvaluationsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await expect(handler()(fixtureEvent(RULE, 'non-compliant.enabled.json'))).rejects.toThrow('Rate exceeded');
    const lines = log.mock.calls.map((c) => JSON.parse(String(c[0])));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        resourceId: 'churn-explore',
        complianceType: 'NON_COMPLIANT',
        reported: false,
      }),
      expect.objectContaining({ level: 'error', kind: 'summary', reported: false }),
      expect.objectContaining({ level: 'error', error: 'ThrottlingException' }),
    ]);
  });
});

describe('scan --format junit when AWS cannot be reached', () => {
  it('writes a valid report holding the error, never an empty one', async () => {
    mkdirSync(dir, { recursive: true });
    const run = await runCli(
      ['scan', '--format', 'junit', '--rule', 'sagemaker-notebook-kms-key', '--region', 'us-east-1'],
      {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_MAX_ATTEMPTS: '1',
      },
    );
    expect(run.code).toBe(1);
    // One line: which account was not scanned, the call and Region, what happened.
    expect(run.stderr).toMatch(
      /^ml-config-rules: account unknown not scanned: GetCallerIdentity in us-east-1: connect ECONNREFUSED .*\n$/,
    );
    expect(run.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ml-config-rules scan" tests="1" failures="0" errors="1"/,
    );
    expect(run.stdout).toContain(
      '<error type="AccountError" message="GetCallerIdentity in us-east-1: connect ECONNREFUSED 127.0.0.1:9">',
    );
    expect(run.stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
  }, 60_000);
});
