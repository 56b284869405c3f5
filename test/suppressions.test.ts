// Suppressions: checked when read (a reason, an expiry not past), applied where evaluations are
// made (the engine), after the rule's evaluate has given its verdict, and visible everywhere:
// AWS Config gets NOT_APPLICABLE with the reason, the command shows SUPPRESSED.
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseStackConfig, StackConfigError } from '../deploy/config.js';
import { evaluateEvent } from '../rules/_core/engine.js';
import { SuppressionError } from '../rules/_core/errors.js';
import { parseEvent } from '../rules/_core/event.js';
import { makeHandler } from '../rules/_core/handler.js';
import { parseSuppressions, SUPPRESSIONS_ENV, type Suppression } from '../rules/_core/suppressions.js';
import { ruleById, rules } from '../rules/index.js';
import { localSources } from '../cli/local/sources.js';
import { runDeploy } from './deploy/harness.js';
import { fixtureEvent, fixturePath } from './support/fixtures.js';
import { cli } from './support/run-cli.js';

const NOTEBOOK = 'sagemaker-notebook-no-direct-internet';
const NOW = new Date('2026-12-02T12:00:00Z');
const ids = rules.map((r) => r.id);
const parse = (value: unknown, withResource = true) =>
  parseSuppressions(value, 'suppressions', { now: NOW, withResource, ruleIds: ids });
const sandbox: Suppression = { id: NOTEBOOK, resource: 'churn-*', reason: 'sandbox notebook, no data' };

describe('reading suppressions', () => {
  it('takes an id, a resource, a reason and an expiry (a YAML date too)', () => {
    expect(parse([{ ...sandbox, expires: new Date('2027-01-31T00:00:00Z') }])).toEqual([
      { ...sandbox, expires: '2027-01-31' },
    ]);
  });

  it.each([
    [
      [{ id: NOTEBOOK, resource: 'x' }],
      'suppressions[0]: suppression of sagemaker-notebook-no-direct-internet has no reason',
    ],
    [[{ ...sandbox, reason: '  ' }], 'has no reason'],
    [
      [{ ...sandbox, expires: '2026-12-01' }],
      'suppressions[0]: suppression of sagemaker-notebook-no-direct-internet expired on 2026-12-01',
    ],
    [[{ ...sandbox, expires: 'soon' }], 'expires must be a day, YYYY-MM-DD'],
    [[{ ...sandbox, id: 'no-such-rule' }], 'unknown rule id "no-such-rule"'],
    [[{ id: NOTEBOOK, reason: 'r' }], 'names no resource'],
    [[{ ...sandbox, because: 'x' }], 'unknown key because'],
    [{ id: NOTEBOOK }, 'must be a list'],
  ])('refuses %j', (value, message) => {
    expect(() => parse(value)).toThrow(SuppressionError);
    expect(() => parse(value)).toThrow(message);
  });

  it('holds through its expiry day', () => {
    expect(parse([{ ...sandbox, expires: '2026-12-02' }])).toHaveLength(1);
  });
});

describe('the engine applies a suppression to the verdict the rule gave', () => {
  const rule = ruleById(NOTEBOOK)!;
  const evaluate = async (file: string, suppressions: Suppression[]) =>
    (await evaluateEvent(rule, parseEvent(fixtureEvent(NOTEBOOK, file)), localSources([]), { suppressions }))
      .evaluations[0]!;

  it('NON_COMPLIANT becomes NOT_APPLICABLE naming the reason, the verdict kept beside it', async () => {
    const plain = await evaluate('non-compliant.enabled.json', []);
    const suppressed = await evaluate('non-compliant.enabled.json', [sandbox]);
    expect(plain.ComplianceType).toBe('NON_COMPLIANT');
    expect(suppressed).toEqual({
      ...plain,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: `suppressed: sandbox notebook, no data (was NON_COMPLIANT: ${plain.Annotation})`,
      suppressed: { ComplianceType: 'NON_COMPLIANT', Annotation: plain.Annotation, reason: sandbox.reason },
    });
  });

  it('leaves a COMPLIANT verdict, another rule and another resource alone', async () => {
    expect((await evaluate('compliant.disabled.json', [{ ...sandbox, resource: '*' }])).ComplianceType).toBe(
      'COMPLIANT',
    );
    expect(
      (await evaluate('non-compliant.enabled.json', [{ ...sandbox, id: 'sagemaker-notebook-kms-key' }])).suppressed,
    ).toBeUndefined();
    expect(
      (await evaluate('non-compliant.enabled.json', [{ ...sandbox, resource: 'fraud-*' }])).suppressed,
    ).toBeUndefined();
  });

  it('matches an ARN pattern', async () => {
    const byArn = { ...sandbox, resource: 'arn:aws:sagemaker:*:123456789012:notebook-instance/*' };
    expect((await evaluate('non-compliant.enabled.json', [byArn])).ComplianceType).toBe('NOT_APPLICABLE');
  });
});

describe('--suppressions on evaluate and test', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ml-config-rules-suppressions-')), 'exceptions.json');
  writeFileSync(file, JSON.stringify({ suppress: [sandbox] }));
  const item = fixturePath(NOTEBOOK, 'non-compliant.enabled.json');

  it('evaluate: JSON and table show SUPPRESSED, the rule annotation and the reason', async () => {
    const json = await cli(['evaluate', item, '--rule', NOTEBOOK, '--suppressions', file, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        ComplianceResourceId: 'churn-explore',
        ComplianceType: 'SUPPRESSED',
        Annotation: 'DirectInternetAccess is Enabled',
        suppression: { reason: sandbox.reason },
      }),
    ]);
    const table = await cli([
      'evaluate',
      item,
      '--rule',
      NOTEBOOK,
      '--suppressions',
      file,
      '--fail-on',
      'non-compliant',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[1]!.split('\t').slice(2)).toEqual([
      'SUPPRESSED',
      'sandbox notebook, no data (NON_COMPLIANT: DirectInternetAccess is Enabled)',
    ]);
  });

  it('test: a suppressed fixture still passes or fails on the verdict its rule gave', async () => {
    const run = await cli(['test', '--rule', NOTEBOOK, '--suppressions', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const enabled = JSON.parse(run.stdout).find((r: any) => r.fixture === 'non-compliant.enabled.json');
    expect(enabled).toMatchObject({ ok: true, actual: 'NON_COMPLIANT', suppression: { reason: sandbox.reason } });
  });
});

describe('the rule function with the stack key', () => {
  const configMock = mockClient(ConfigServiceClient);
  beforeEach(() => {
    configMock.reset();
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    delete process.env[SUPPRESSIONS_ENV];
    vi.restoreAllMocks();
  });
  afterAll(() => configMock.restore());
  const run = () =>
    makeHandler(ruleById(NOTEBOOK)!, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
      fixtureEvent(NOTEBOOK, 'non-compliant.enabled.json'),
    );
  const sent = () => configMock.commandCalls(PutEvaluationsCommand)[0]!.args[0].input.Evaluations![0]!;

  it('reports NOT_APPLICABLE with the reason, and sends Config nothing else', async () => {
    process.env[SUPPRESSIONS_ENV] = JSON.stringify([sandbox]);
    await run();
    expect(sent().ComplianceType).toBe('NOT_APPLICABLE');
    expect(sent().Annotation).toMatch(/^suppressed: sandbox notebook, no data \(was NON_COMPLIANT: /);
    expect(Object.keys(sent()).sort()).toEqual([
      'Annotation',
      'ComplianceResourceId',
      'ComplianceResourceType',
      'ComplianceType',
      'OrderingTimestamp',
    ]);
  });

  it('logs the suppressed verdict on a line of its own, with the reason, and counts it in the summary', async () => {
    process.env[SUPPRESSIONS_ENV] = JSON.stringify([sandbox]);
    await run();
    const lines = vi.mocked(console.log).mock.calls.map(([line]) => JSON.parse(String(line)));
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'verdict',
        resourceId: 'churn-explore',
        complianceType: 'NOT_APPLICABLE',
        suppressed: 'sandbox notebook, no data',
      }),
      expect.objectContaining({
        kind: 'summary',
        counts: { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 1 },
        suppressed: 1,
      }),
    ]);
  });

  it('reports the verdict again once the suppression has lapsed, and logs why', async () => {
    process.env[SUPPRESSIONS_ENV] = JSON.stringify([{ ...sandbox, expires: '2020-01-31' }]);
    await run();
    expect(sent().ComplianceType).toBe('NON_COMPLIANT');
    expect(
      vi
        .mocked(console.log)
        .mock.calls.map(([line]) => String(line))
        .join('\n'),
    ).toContain('expired on 2020-01-31: its verdict is reported again');
    expect(JSON.parse(String(vi.mocked(console.log).mock.calls[0]![0]))).toEqual({
      level: 'warn',
      rule: NOTEBOOK,
      message: 'suppression of churn-* expired on 2020-01-31: its verdict is reported again',
    });
  });
});

describe('the stack key suppressions', () => {
  it('groups the suppressions by rule; the function of a rule gets its own in its environment', async () => {
    const raw = { suppressions: JSON.stringify([sandbox]) };
    expect(parseStackConfig(raw).suppressions).toEqual({ [NOTEBOOK]: [sandbox] });
    const deployed = await runDeploy(raw);
    const variables = deployed.named(`${NOTEBOOK}-function`).inputs.environment.variables;
    expect(JSON.parse(variables[SUPPRESSIONS_ENV])).toEqual([sandbox]);
    expect(deployed.named('sagemaker-notebook-kms-key-function').inputs.environment).toBeUndefined();
  });

  it.each([
    [
      [{ id: NOTEBOOK, resource: 'x' }],
      'ml-config-rules:suppressions[0]: suppression of sagemaker-notebook-no-direct-internet has no reason',
    ],
    [[{ ...sandbox, expires: '2020-01-01' }], 'expired on 2020-01-01'],
  ])('fails the preview for %j', (value, message) => {
    const raw = { suppressions: JSON.stringify(value) };
    expect(() => parseStackConfig(raw)).toThrow(StackConfigError);
    expect(() => parseStackConfig(raw)).toThrow(message);
  });

  it('refuses a suppression of a rule the stack does not deploy', () => {
    const raw = { rules: 'sagemaker-notebook-kms-key', suppressions: JSON.stringify([sandbox]) };
    expect(() => parseStackConfig(raw)).toThrow(
      'unknown rule id "sagemaker-notebook-no-direct-internet" (not selected in ml-config-rules:rules)',
    );
  });
});
