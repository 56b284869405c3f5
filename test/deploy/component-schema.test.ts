// The component from other Pulumi languages, without the Pulumi CLI: the package schema Pulumi's
// own component provider derives (checked in as provider/schema.json), its arguments against the
// stack configuration's keys, the Python example against the schema, and a construct call with
// inputs shaped as a Python program sends them, under Pulumi's mocks.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../cli/paths.js';
import { stackValuesOf } from '../../deploy/component.js';
import { CONFIG_KEYS, parseStackConfig } from '../../deploy/config.js';
import { componentProvider, componentSchema, SCHEMA_FILE } from '../../scripts/component-schema.js';
import { installMocks, settle } from './harness.js';

const TYPE = 'ml-config-rules:index:MlConfigRules';
// One provider for the file: deriving the schema (a TypeScript program over provider/) is most of
// the file's time, and the provider keeps what it derived for the construct below.
const provider = componentProvider();
let schema: any;
beforeAll(async () => {
  schema = JSON.parse(await componentSchema(provider));
}, 120_000);

const component = () => schema.resources[TYPE];

describe('the package schema', () => {
  it('is what Pulumi derives from the component today (run `npm run schema` after changing its arguments)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(schema);
  });

  it('takes exactly the stack configuration keys, each optional and plain', () => {
    const inputs = component().inputProperties;
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
    for (const [key, spec] of Object.entries<any>(inputs))
      expect([key, spec.optional, spec.plain]).toEqual([key, true, true]);
    expect(component().requiredInputs ?? []).toEqual([]);
  });

  it('outputs the rules, functions, bucket and topic', () => {
    expect(Object.keys(component().properties)).toEqual(
      expect.arrayContaining(['configRules', 'functions', 'deliveryBucket', 'notificationTopicArn']),
    );
    expect(component().properties.configRules).toMatchObject({ type: 'array', items: { type: 'string' } });
  });
});

/** The generated Python SDK's names: snake_case arguments, UPPER_SNAKE enum members. */
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const upperSnake = (s: string) => s.replace(/([a-z])([A-Z0-9])/g, '$1_$2').toUpperCase();

describe('examples/python', () => {
  const file = join(PACKAGE_ROOT, 'examples', 'python', '__main__.py');
  const call = () =>
    JSON.parse(
      execFileSync(
        'python3',
        [join(PACKAGE_ROOT, 'test', 'support', 'python-call.py'), file, 'ml_config_rules', 'MlConfigRules'],
        {
          encoding: 'utf8',
        },
      ),
    ) as Record<string, unknown>;

  it('passes only arguments and enum members the schema has, with values the stack configuration accepts', () => {
    const inputs = component().inputProperties;
    const byPython = new Map(Object.keys(inputs).map((k) => [snake(k), k]));
    const values: Record<string, unknown> = {};
    for (const [arg, value] of Object.entries(call())) {
      const key = byPython.get(arg);
      expect(key, `argument ${arg}`).toBeDefined();
      const v = value as any;
      if (v && typeof v === 'object' && 'enum' in v) {
        const [enumName, member] = v.enum as [string, string];
        const type = schema.types[`ml-config-rules:index:${enumName}`];
        expect(inputs[key!].$ref, arg).toBe(`#/types/ml-config-rules:index:${enumName}`);
        const entry = type.enum.find((e: any) => upperSnake(e.name) === member);
        expect(entry, `${enumName}.${member}`).toBeDefined();
        values[key!] = entry.value;
      } else if (v && typeof v === 'object' && 'expression' in v) {
        // A value the program computes (the pipeline name, the alert address): a sample of its kind.
        values[key!] = key === 'notifications' ? 'ml-alerts@example.com' : 'fraud-detection';
      } else values[key!] = v;
    }
    const config = parseStackConfig(stackValuesOf(values));
    expect(config.rules.length).toBeGreaterThan(0);
    expect(config.notifications).toEqual({ emails: ['ml-alerts@example.com'] });
  });
});

describe("the component provider's construct, as a Python program's `MlConfigRules(...)` reaches it", () => {
  const configApi = mockClient(ConfigServiceClient);
  afterAll(() => configApi.restore());

  it('builds the component from plain inputs and returns its outputs', async () => {
    configApi.onAnyCommand().resolves({});
    const resources = await installMocks({});
    const result = await provider.construct(
      'guardrails',
      TYPE,
      { rules: ['sagemaker-notebook-kms-key'], namePrefix: 'fraud-', tracking: 'off', notifications: 'off' },
      {},
    );
    await settle();
    const state = result.state as Record<string, any>;
    const configRules = await new Promise((resolve) => state.configRules.apply(resolve));
    expect(configRules).toEqual(['fraud-sagemaker-notebook-kms-key']);
    expect(resources.find((r) => r.type === TYPE)?.name).toBe('guardrails');
    expect(resources.filter((r) => r.type === 'aws:cfg/rule:Rule').map((r) => r.name)).toEqual([
      'guardrails-rules-sagemaker-notebook-kms-key-rule',
    ]);
  }, 120_000);
});
