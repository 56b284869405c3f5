// Names: every name the deploy builds meets its service's rules (deploy/name-rules.ts), checked at
// preview. A prefix AWS would refuse somewhere fails with the key, the reason and the built name;
// any prefix the configuration accepts builds only names AWS accepts, in account and organization
// mode; and the names the program registers are exactly those the check looked at.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtNames, REGION_PLACEHOLDER, ACCOUNT_PLACEHOLDER } from '../../deploy/built-names.js';
import { parseStackConfig, StackConfigError, type RawStackConfig } from '../../deploy/config.js';
import { NAME_RULES, nameProblem, type NameKind } from '../../deploy/name-rules.js';
import { rules } from '../../rules/index.js';
import { ACCOUNT, REGION, runDeploy, type DeployRun } from './harness.js';

const ORG = { organization: 'true', memberRecorder: 'create' } as const;
const LONGEST_ID = [...rules].sort((a, b) => b.id.length - a.id.length)[0]!.id;

const refusal = (raw: RawStackConfig): string => {
  try {
    parseStackConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(StackConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
};

describe('the rules, as data', () => {
  it('cite an AWS documentation page for every kind of name', () => {
    for (const [kind, rule] of Object.entries(NAME_RULES))
      expect(rule.doc, kind).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/[A-Za-z0-9/_.-]+\.html$/);
  });

  it.each<[NameKind, string, string]>([
    ['stackSet', '1ml-member-role', 'must start with a letter and hold only letters, digits and hyphens'],
    ['stackSet', 'ml_member-role', 'must start with a letter'],
    ['stackSet', `a${'b'.repeat(128)}`, 'is 129 characters, over the 128 CloudFormation allows'],
    ['bucket', 'ML-config', 'must hold only lowercase letters'],
    ['bucket', '-ml-config', 'start and end with a letter or digit'],
    ['bucket', 'ml_config', 'must hold only lowercase letters'],
    ['bucket', 'xn--ml-config', 'starts with "xn--", which S3 reserves'],
    ['bucket', 'sthree-ml', 'starts with "sthree-", which S3 reserves'],
    ['bucket', 'amzn-s3-demo-ml', 'starts with "amzn-s3-demo-", which S3 reserves'],
    ['bucket', 'ml-config-s3alias', 'ends with "-s3alias", which S3 reserves'],
    ['bucket', 'ml-config--ol-s3', 'ends with "--ol-s3", which S3 reserves'],
    ['bucket', 'ml..config', 'holds two adjacent periods'],
    ['bucket', '192.168.5.4', 'is formatted as an IP address'],
    ['bucket', 'ab', 'is 2 characters, under the 3 S3 requires'],
    ['bucket', 'a'.repeat(64), 'is 64 characters, over the 63 S3 allows'],
    ['iamRole', 'ml config', 'must hold only letters, digits and _+=,.@-'],
    ['iamRole', 'r'.repeat(65), 'over the 64 IAM allows'],
    ['lambdaFunction', 'ml.config', 'must hold only letters, digits, hyphens and underscores'],
    ['lambdaFunction', 'f'.repeat(65), 'over the 64 Lambda allows'],
    ['configRule', ' ', 'must not be blank'],
    ['configRule', 'c'.repeat(129), 'over the 128 AWS Config allows'],
    ['organizationConfigRule', 'ml.config', 'must hold only letters, digits, hyphens and underscores'],
    ['organizationConfigRule', 'o'.repeat(65), 'over the 64 AWS Config allows'],
    ['aggregator', 'ml.organization', 'must hold only letters, digits, hyphens and underscores'],
    [
      'recorder',
      'AWSConfigurationRecorderForMine',
      'starts with "AWSConfigurationRecorderFor", which AWS Config reserves',
    ],
    ['deliveryChannel', 'd'.repeat(257), 'over the 256 AWS Config allows'],
    ['logGroup', '/aws/lambda/ml config', "must hold only letters, digits and '_-/.#'"],
    ['snsTopic', 'ml.topic', 'must hold only letters, digits, underscores and hyphens'],
    ['eventRule', 'ml/changes', 'must hold only letters, digits, dots, hyphens and underscores'],
    ['eventRule', 'e'.repeat(65), 'over the 64 EventBridge allows'],
    ['kmsAlias', 'ml-config-delivery', "must be alias/ followed by letters, digits and '/_-'"],
    ['kmsAlias', 'alias/aws/ml', 'starts with "alias/aws/", which KMS reserves'],
  ])('refuses the %s name %j: %s', (kind, name, problem) => {
    expect(nameProblem(kind, name)).toContain(problem);
  });

  it.each<[NameKind, string]>([
    ['stackSet', 'Ml-member-role'],
    ['bucket', 'ml-config-123456789012-us-east-1'],
    ['bucket', '1ml.config'],
    ['iamRole', 'ml+config=eval,x.y@z_w-v'],
    ['lambdaFunction', 'ml_config-fn'],
    ['configRule', 'ml config rule'],
    ['organizationConfigRule', 'ml_config-rule'],
    ['aggregator', 'ml_organization-1'],
    ['recorder', 'default'],
    ['logGroup', '/aws/lambda/ml-config.fn#1'],
    ['snsTopic', 'ml_topic-1'],
    ['eventRule', 'ml.changes_1-2'],
    ['kmsAlias', 'alias/ml/config_delivery-1'],
  ])('accepts the %s name %j', (kind, name) => {
    expect(nameProblem(kind, name)).toBeUndefined();
  });
});

describe('a namePrefix AWS would refuse somewhere', () => {
  it.each<[string, RawStackConfig, string]>([
    [
      'an underscore (stack set and bucket names)',
      { namePrefix: 'ml_config-' },
      `ml-config-rules:namePrefix: must hold only letters, digits and hyphens: the member-role stack set's name (<prefix>member-role) takes no "_" (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html), nor does the delivery bucket's (<prefix>config-<account>-<region>, https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html); got "ml_config-"`,
    ],
    [
      'a leading digit (stack set names start with a letter)',
      { namePrefix: '1ml-' },
      `ml-config-rules:namePrefix: must start with a letter: the member-role stack set's name (<prefix>member-role) must (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html), and the delivery bucket's (<prefix>config-<account>-<region>) must start with a letter or digit (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html); got "1ml-"`,
    ],
    ['a leading hyphen', { namePrefix: '-ml-' }, 'ml-config-rules:namePrefix: must start with a letter: '],
    ['a dot', { namePrefix: 'ml.config-' }, 'ml-config-rules:namePrefix: must hold only letters, digits and hyphens: '],
    [
      'more than 24 characters (the bucket name)',
      { namePrefix: 'a'.repeat(25) },
      `ml-config-rules:namePrefix: must be at most 24 characters, so that the delivery bucket's name (<prefix>config-<account>-<region>) fits the 63 S3 allows`,
    ],
    [
      'a prefix S3 reserves, in any case',
      { namePrefix: 'XN--ml-' },
      'ml-config-rules:namePrefix: builds the S3 bucket name "xn--ml-config-<account>-<region>", which S3 refuses: it starts with "xn--", which S3 reserves (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)',
    ],
    [
      'another prefix S3 reserves',
      { namePrefix: 'sthree-' },
      'builds the S3 bucket name "sthree-config-<account>-<region>", which S3 refuses',
    ],
    [
      'an organization rule name over 64 characters',
      { ...ORG, namePrefix: 'ml-platform-compliance-', rules: LONGEST_ID },
      `ml-config-rules:namePrefix: builds the organization Config rule name "ml-platform-compliance-${LONGEST_ID}", which AWS Config refuses: it is ${23 + LONGEST_ID.length} characters, over the 64 AWS Config allows; use a shorter namePrefix (https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConfigRule.html)`,
    ],
  ])('refuses %s, naming the key and why', (_what, raw, message) => {
    expect(refusal(raw)).toContain(message);
  });

  it('accepts the same long prefix for account rules, which hold 128 characters', () => {
    expect(parseStackConfig({ namePrefix: 'ml-platform-compliance-', rules: LONGEST_ID }).namePrefix).toBe(
      'ml-platform-compliance-',
    );
  });

  it('refuses a member role name IAM would refuse, naming memberRoleName', () => {
    expect(refusal({ ...ORG, memberRoleName: 'ml config evaluator' })).toBe(
      `ml-config-rules:memberRoleName: builds the IAM role name "ml config evaluator", which IAM refuses: it must hold only letters, digits and _+=,.@- (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)`,
    );
    expect(refusal({ ...ORG, memberRoleName: 'r'.repeat(65) })).toMatch(
      /^ml-config-rules:memberRoleName: builds the IAM role name "r{65}", which IAM refuses: it is 65 characters, over the 64 IAM allows; use a shorter memberRoleName/,
    );
  });
});

/** A prefix as the documented rule allows it: a letter, then letters, digits and hyphens, 24 at most. */
const grammarPrefix = fc.stringMatching(/^([A-Za-z][A-Za-z0-9-]{0,23})?$/);
/** Anything a user might type. */
const anyPrefix = fc.string({
  unit: fc.constantFrom(...'abcXYZ019-_. /@+'.split('')),
  maxLength: 30,
});
/** The delivery bucket's name, lowercase, would start with a prefix S3 reserves. */
const reservedByS3 = (prefix: string) =>
  NAME_RULES.bucket.reservedPrefixes!.some((r) => `${prefix.toLowerCase()}config-`.startsWith(r));

describe('any prefix the configuration accepts', () => {
  it('builds only names AWS accepts, for the whole pack, in account and organization mode', () => {
    fc.assert(
      fc.property(fc.oneof(grammarPrefix, anyPrefix), fc.boolean(), (namePrefix, organization) => {
        let config: ReturnType<typeof parseStackConfig>;
        try {
          config = parseStackConfig({ namePrefix, ...(organization ? ORG : {}) });
        } catch (error) {
          // Refused: always as a stack configuration error naming the prefix.
          expect(error).toBeInstanceOf(StackConfigError);
          expect((error as Error).message).toMatch(/^ml-config-rules:namePrefix: /);
          return;
        }
        const names = builtNames(config);
        expect(names.length).toBeGreaterThan(rules.length * 4);
        for (const n of names) expect(nameProblem(n.kind, n.name), `${n.kind} ${n.name}`).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('is every prefix the documented rule allows, except those S3 reserves and, for organization rules, the longest', () => {
    fc.assert(
      fc.property(grammarPrefix, (namePrefix) => {
        fc.pre(!reservedByS3(namePrefix));
        expect(parseStackConfig({ namePrefix }).namePrefix).toBe(namePrefix);
        const fits = namePrefix.length + LONGEST_ID.length <= 64;
        if (fits) expect(parseStackConfig({ namePrefix, ...ORG }).namePrefix).toBe(namePrefix);
        else expect(() => parseStackConfig({ namePrefix, ...ORG })).toThrow(/organization Config rule name/);
      }),
      { numRuns: 300 },
    );
  });
});

/** Resource type → the kind of its physical name and where the name is in its inputs. */
const NAMED: Record<string, { kind: NameKind; input: string }> = {
  'aws:iam/role:Role': { kind: 'iamRole', input: 'name' },
  'aws:lambda/function:Function': { kind: 'lambdaFunction', input: 'name' },
  'aws:cloudwatch/logGroup:LogGroup': { kind: 'logGroup', input: 'name' },
  'aws:cfg/rule:Rule': { kind: 'configRule', input: 'name' },
  'aws:cfg/organizationCustomRule:OrganizationCustomRule': { kind: 'organizationConfigRule', input: 'name' },
  'aws:cfg/configurationAggregator:ConfigurationAggregator': { kind: 'aggregator', input: 'name' },
  'aws:cfg/recorder:Recorder': { kind: 'recorder', input: 'name' },
  'aws:cfg/deliveryChannel:DeliveryChannel': { kind: 'deliveryChannel', input: 'name' },
  'aws:s3/bucket:Bucket': { kind: 'bucket', input: 'bucket' },
  'aws:kms/alias:Alias': { kind: 'kmsAlias', input: 'name' },
  'aws:sns/topic:Topic': { kind: 'snsTopic', input: 'name' },
  'aws:cloudwatch/eventRule:EventRule': { kind: 'eventRule', input: 'name' },
  'aws:cloudformation/stackSet:StackSet': { kind: 'stackSet', input: 'name' },
  'aws:cloudwatch/eventBus:EventBus': { kind: 'eventBus', input: 'name' },
  'aws:cloudformation/cloudFormationType:CloudFormationType': { kind: 'resourceType', input: 'typeName' },
};
/** Inputs called name that name something else the deploy made (the recorder a status starts). */
const REFERENCES = new Set(['aws:cfg/recorderStatus:RecorderStatus']);
/** The stack set template's resources and the kind of the name each one creates. */
const TEMPLATE_NAMES: Record<string, { kind: NameKind; property: string }> = {
  'AWS::IAM::Role': { kind: 'iamRole', property: 'RoleName' },
  'AWS::Config::ConfigurationRecorder': { kind: 'recorder', property: 'Name' },
  'AWS::Config::DeliveryChannel': { kind: 'deliveryChannel', property: 'Name' },
  'AWS::Events::Rule': { kind: 'eventRule', property: 'Name' },
  'AWS::CloudFormation::ResourceVersion': { kind: 'resourceType', property: 'TypeName' },
};
/** Template resources that name nothing of their own (a default version points at a registered one). */
const TEMPLATE_UNNAMED = new Set(['AWS::CloudFormation::ResourceDefaultVersion']);

/** Every physical name the program registered, with its kind. */
function registeredNames(run: DeployRun): { kind: NameKind; name: string }[] {
  const out: { kind: NameKind; name: string }[] = [];
  for (const r of run.resources) {
    const named = NAMED[r.type];
    if (!named) {
      if (r.type.startsWith('aws:') && typeof r.inputs.name === 'string' && !REFERENCES.has(r.type))
        throw new Error(`${r.type} ${r.name} has a name the test does not know: add it to NAMED`);
      continue;
    }
    out.push({ kind: named.kind, name: r.inputs[named.input] });
    if (r.type === 'aws:cloudformation/stackSet:StackSet') {
      for (const res of Object.values<any>(JSON.parse(r.inputs.templateBody).Resources)) {
        if (TEMPLATE_UNNAMED.has(res.Type)) continue;
        const t = TEMPLATE_NAMES[res.Type];
        if (!t) throw new Error(`the member template's ${res.Type} has no entry in TEMPLATE_NAMES`);
        out.push({ kind: t.kind, name: res.Properties[t.property] });
      }
    }
  }
  return out;
}

/** The names the check looked at, with the bucket's account and Region as this deploy has them. */
const checkedNames = (raw: RawStackConfig) =>
  new Set(
    builtNames(parseStackConfig(raw)).map(
      (n) => `${n.kind} ${n.name.replace(ACCOUNT_PLACEHOLDER, ACCOUNT).replace(REGION_PLACEHOLDER, REGION)}`,
    ),
  );

describe('the names the program registers', () => {
  it.each<[string, RawStackConfig]>([
    ['account mode, everything on', { remediation: 'automatic', deliveryBucketEncryption: 'KMS' }],
    ['organization mode, member recorders', { ...ORG, deliveryBucketEncryption: 'KMS', memberRoleName: 'ml.eval@x' }],
  ])(
    'are all checked at preview and valid: %s',
    async (_what, raw) => {
      const run = await runDeploy(raw);
      const registered = registeredNames(run);
      expect(new Set(registered.map((n) => n.kind)).size).toBeGreaterThanOrEqual(raw.organization ? 12 : 10);
      const checked = checkedNames(raw);
      for (const { kind, name } of registered) {
        expect(checked.has(`${kind} ${name}`), `${kind} ${name} is not in builtNames`).toBe(true);
        expect(nameProblem(kind, name), `${kind} ${name}`).toBeUndefined();
      }
    },
    60_000,
  );

  it('are valid for sampled prefixes at their longest, in both modes', async () => {
    const samples = fc.sample(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{10,23}$/), { numRuns: 4, seed: 17 });
    for (const [i, namePrefix] of samples.entries()) {
      const organization = i % 2 === 1;
      // The longest rule id and a rule with remediation; an organization prefix short enough for it.
      const prefix = organization ? namePrefix.slice(0, 64 - LONGEST_ID.length) : namePrefix;
      const raw: RawStackConfig = {
        namePrefix: prefix,
        rules: `${LONGEST_ID},s3-bucket-versioning-enabled`,
        ...(organization ? ORG : {}),
      };
      const run = await runDeploy(raw);
      for (const { kind, name } of registeredNames(run))
        expect(nameProblem(kind, name), `${prefix}: ${kind} ${name}`).toBeUndefined();
    }
  }, 120_000);
});
