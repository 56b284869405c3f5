// What `record` scrubs before a configuration item becomes a committed fixture.
import { describe, expect, it } from 'vitest';
import { findSurvivingSecret, scrubAll, Scrubber } from '../cli/scrub.js';
import { describeFinding, findSecrets } from '../rules/_core/secrets.js';
import { fakeTokens } from './support/fake-tokens.js';

describe('scrubbing a recorded item', () => {
  it("maps the item's account to 123456789012 wherever it appears, and each other account to its own example account", () => {
    const item = {
      accountId: '210987654321',
      arn: 'arn:aws:sagemaker:eu-west-1:210987654321:model/churn-v3',
      configuration: JSON.stringify({
        ExecutionRoleArn: 'arn:aws:iam::210987654321:role/SageMakerExecution',
        PrimaryContainer: {
          Image: '210987654321.dkr.ecr.eu-west-1.amazonaws.com/churn:3',
          ModelDataUrl: 's3://churn-artifacts-210987654321/v3/model.tar.gz',
        },
        KmsKeyId: 'arn:aws:kms:eu-west-1:998877665544:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f',
        // Not an account: a longer number that contains the account's digits.
        Build: '42109876543210',
      }),
    };
    const { values, report } = scrubAll('210987654321', item);
    const [scrubbed] = values;
    expect(scrubbed.accountId).toBe('123456789012');
    expect(scrubbed.arn).toBe('arn:aws:sagemaker:eu-west-1:123456789012:model/churn-v3');
    const configuration = JSON.parse(scrubbed.configuration);
    expect(configuration).toEqual({
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/SageMakerExecution',
      PrimaryContainer: {
        Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:3',
        ModelDataUrl: 's3://churn-artifacts-123456789012/v3/model.tar.gz',
      },
      KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f',
      Build: '42109876543210',
    });
    expect(report).toEqual({
      accounts: { '210987654321': '123456789012', '998877665544': '111122223333' },
      emails: 0,
      redacted: 0,
    });
  });

  it('replaces e-mail-like values (tags above all) consistently, and leaves other strings alone', () => {
    const item = {
      tags: { owner: 'priya.raman@corp.example.net', team: 'growth-ml', oncall: 'ml-oncall@corp.example.net' },
      configuration: {
        Tags: [{ Key: 'owner', Value: 'priya.raman@corp.example.net' }],
        Description: 'contact priya.raman@corp.example.net',
      },
      supplementaryConfiguration: {
        BucketTaggingConfiguration: JSON.stringify({ tagSets: [{ tags: { owner: 'priya.raman@corp.example.net' } }] }),
      },
    };
    const { values, report } = scrubAll(undefined, item);
    const [scrubbed] = values;
    expect(scrubbed.tags).toEqual({ owner: 'user1@example.com', team: 'growth-ml', oncall: 'user2@example.com' });
    expect(scrubbed.configuration.Tags).toEqual([{ Key: 'owner', Value: 'user1@example.com' }]);
    expect(JSON.parse(scrubbed.supplementaryConfiguration.BucketTaggingConfiguration)).toEqual({
      tagSets: [{ tags: { owner: 'user1@example.com' } }],
    });
    // Addresses inside longer text are replaced too, with the same example address.
    expect(scrubbed.configuration.Description).toBe('contact user1@example.com');
    expect(report.emails).toBe(2);
  });

  it('shares one mapping across an item, its lookups and the parameters', () => {
    const params = { kmsKeyArns: 'arn:aws:kms:us-east-1:555566667777:key/abc' };
    const model = {
      arn: 'arn:aws:sagemaker:us-east-1:555566667777:model/m',
      configuration: { ModelDataUrl: 's3://artifacts-555566667777/m.tar.gz' },
    };
    const bucket = { resourceId: 'artifacts-555566667777', arn: 'arn:aws:s3:::artifacts-555566667777' };
    const { values } = scrubAll('555566667777', params, model, bucket);
    expect(values[0].kmsKeyArns).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
    expect(values[1].configuration.ModelDataUrl).toBe('s3://artifacts-123456789012/m.tar.gz');
    expect(values[2].resourceId).toBe('artifacts-123456789012');
  });

  it('keeps an item that is already scrubbed as it is', () => {
    const item = {
      accountId: '123456789012',
      arn: 'arn:aws:iam::123456789012:role/x',
      other: 'arn:aws:kms:us-east-1:111122223333:key/k',
    };
    const scrubber = new Scrubber('123456789012');
    scrubber.learn(item);
    expect(scrubber.scrub(item)).toEqual(item);
    expect(scrubber.report()).toEqual({ accounts: {}, emails: 0, redacted: 0 });
  });
});

// Built from parts so this file does not itself look like it holds credentials.
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYQ7EXAMPLEK';
const FAKE = fakeTokens(3);
const LIVE_KEY = FAKE.stripeLive;
const GH_TOKEN = FAKE.githubClassic;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('scrubbing by meaning', () => {
  const OWN = '210987654321';
  const model = {
    accountId: OWN,
    arn: `arn:aws:sagemaker:eu-west-1:${OWN}:model/churn-v3`,
    configuration: JSON.stringify({
      PrimaryContainer: {
        Image: `${OWN}.dkr.ecr.eu-west-1.amazonaws.com/churn:3`,
        Environment: {
          API_KEY: LIVE_KEY,
          SECRET: 'hunter2-but-longer',
          AWS_SECRET_ACCESS_KEY: SECRET_KEY,
          LOG_LEVEL: 'info',
        },
      },
      Containers: [{ ContainerArguments: ['--db-password', 'correct-horse-battery'] }],
    }),
    tags: {
      owner: 'Sam Lee <sam.lee@corp.example.org>',
      oncall: 'alice@corp.example.org,bob@corp.example.org',
      note: `billed to ${OWN}`,
    },
  };

  it('replaces the values of environment maps and argument lists, keeping their keys', () => {
    const { values, report } = scrubAll(OWN, model);
    const configuration = JSON.parse(values[0].configuration);
    expect(configuration.PrimaryContainer.Environment).toEqual({
      API_KEY: 'REDACTED',
      SECRET: 'REDACTED',
      AWS_SECRET_ACCESS_KEY: 'REDACTED',
      LOG_LEVEL: 'REDACTED',
    });
    expect(configuration.Containers[0].ContainerArguments).toEqual(['REDACTED', 'REDACTED']);
    expect(report.redacted).toBe(6);
  });

  it('replaces hyperparameters and values under secret names, also in {Key, Value} and {Name, Value} lists', () => {
    const job = {
      HyperParameters: { epochs: '10', db_password: 'correct-horse-battery' },
      Tags: [
        { Key: 'deploy-token', Value: 'tok-0000-example-value' },
        { Key: 'team', Value: 'growth' },
      ],
      Environment: [{ Name: 'HF_TOKEN', Value: 'hf_exampleExampleExample' }],
      Config: { ClientSecret: SECRET_KEY, SecretArn: `arn:aws:secretsmanager:us-east-1:${OWN}:secret:ml/db-AbCdEf` },
    };
    const [scrubbed] = scrubAll(OWN, job).values;
    expect(scrubbed.HyperParameters).toEqual({ epochs: 'REDACTED', db_password: 'REDACTED' });
    expect(scrubbed.Tags).toEqual([
      { Key: 'deploy-token', Value: 'REDACTED' },
      { Key: 'team', Value: 'growth' },
    ]);
    expect(scrubbed.Environment).toEqual([{ Name: 'HF_TOKEN', Value: 'REDACTED' }]);
    // A secret's ARN names it and is kept (with the account scrubbed); the secret itself is not.
    expect(scrubbed.Config).toEqual({
      ClientSecret: 'REDACTED',
      SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ml/db-AbCdEf',
    });
  });

  it('replaces e-mail addresses inside longer text and account ids outside ARNs, consistently', () => {
    const [scrubbed] = scrubAll(OWN, model).values;
    expect(scrubbed.tags).toEqual({
      owner: 'Sam Lee <user1@example.com>',
      oncall: 'user2@example.com,user3@example.com',
      note: 'billed to 123456789012',
    });
    expect(JSON.parse(scrubbed.configuration).PrimaryContainer.Image).toBe(
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:3',
    );
    const again = scrubAll(OWN, { a: 'sam.lee@corp.example.org', b: 'Sam.Lee@corp.example.org' }).values[0];
    expect(again).toEqual({ a: 'user1@example.com', b: 'user1@example.com' });
  });

  it('decodes base64 payloads, scrubs them and encodes them again; the secret rule still sees each form', () => {
    const script = [
      '#!/bin/bash',
      `export GITHUB_TOKEN=${GH_TOKEN}`,
      `aws configure set aws_secret_access_key ${SECRET_KEY}`,
      'pip install --index-url https://reader:Pa55w0rd-example@pypi.corp.example/simple churn',
      `echo "owner sam.lee@corp.example.org, account ${OWN}" > /etc/motd`,
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEAexampleexampleexampleexample',
      '-----END RSA PRIVATE KEY-----',
      `python sync.py --key ${LIVE_KEY}`,
      'export JUPYTER_TOKEN=abc1234',
      '',
    ].join('\n');
    const item = { accountId: OWN, configuration: { OnStart: [{ Content: b64(script) }] } };
    const [scrubbed] = scrubAll(OWN, item).values;
    const text = Buffer.from(scrubbed.configuration.OnStart[0]!.Content, 'base64').toString('utf8');
    for (const gone of [
      GH_TOKEN,
      SECRET_KEY,
      'Pa55w0rd-example',
      'sam.lee',
      OWN,
      'MIIEowIBAAKCAQEA',
      LIVE_KEY,
      'abc1234',
    ])
      expect(text).not.toContain(gone);
    expect(text).toContain('owner user1@example.com, account 123456789012');
    expect(text).toContain('export JUPYTER_TOKEN=REDACTE\n');
    expect(findSecrets(text).map(describeFinding)).toEqual(findSecrets(script).map(describeFinding));
    expect(findSurvivingSecret(scrubbed)).toBeUndefined();
  });

  it('leaves a base64 payload it has nothing to change byte for byte as it was', () => {
    const content = b64('#!/bin/bash\npip install xgboost==2.1.3\n');
    expect(scrubAll(undefined, { Content: content }).values[0].Content).toBe(content);
  });
});

describe('the last pass before a fixture is written', () => {
  it.each([
    ['an access key id', { Description: 'key AKIA' + 'Z7EXAMPLEKEY4Q2M' }, 'Description', 'AWS access key id'],
    [
      'a secret key under a key-like name',
      { Creds: { aws_secret_access_key: SECRET_KEY } },
      'Creds.aws_secret_access_key',
      'literal under aws_secret_access_key',
    ],
    [
      'a secret key in a {Key, Value} tag',
      { Tags: [{ Key: 'AWS_SECRET_ACCESS_KEY', Value: SECRET_KEY }] },
      'Tags[0].Value',
      'literal under AWS_SECRET_ACCESS_KEY',
    ],
    [
      'a private key block',
      { Note: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n' },
      'Note',
      'private key block',
    ],
    ['a GitHub token', { Url: `https://${GH_TOKEN}@github.com/o/r.git` }, 'Url', 'GitHub token'],
    ['a fine-grained GitHub token', { T: FAKE.githubFineGrained }, 'T', 'GitHub token'],
    ['a Slack token', { T: 'xoxb-' + '1234567890-example' }, 'T', 'Slack token'],
    ['a Stripe live key', { T: LIVE_KEY }, 'T', 'Stripe key'],
    ['a GitLab token', { T: 'glpat-' + 'EXAMPLEexample0000000' }, 'T', 'GitLab token'],
    [
      'credentials in a URL',
      { Endpoint: 'postgres://ml:Pa55w0rd@db.corp.example:5432/features' },
      'Endpoint',
      'database URL with a password',
    ],
    [
      'a token inside a JSON string',
      { configuration: JSON.stringify({ A: [{ B: LIVE_KEY }] }) },
      'configuration.A[0].B',
      'Stripe key',
    ],
    [
      'a token inside base64',
      { Content: b64(`#!/bin/bash\ncurl -H "Authorization: Bearer ${GH_TOKEN}"\n`) },
      'Content',
      'literal Authorization',
    ],
  ])('finds %s and names the field, never the value', (_case, value, path, form) => {
    expect(findSurvivingSecret(value)).toEqual({ path, form });
  });

  it("lets the scrubber's own markers and clean items through", () => {
    expect(
      findSurvivingSecret({
        T: 'ghp_REDACTEDXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        K: { aws_secret_access_key: 'REDACTED' },
      }),
    ).toBeUndefined();
    expect(
      findSurvivingSecret({ ModelName: 'churn-v3', Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:3' }),
    ).toBeUndefined();
  });

  it('finds nothing in whatever the scrubber writes, for every form it knows', () => {
    const everything = {
      Description: 'key AKIA' + 'Z7EXAMPLEKEY4Q2M and ' + LIVE_KEY,
      Tags: [{ Key: 'AWS_SECRET_ACCESS_KEY', Value: SECRET_KEY }],
      Note: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
      Endpoint: 'postgres://ml:Pa55w0rd@db.corp.example:5432/features',
      configuration: JSON.stringify({ A: [{ B: 'glpat-' + 'EXAMPLEexample0000000' }] }),
      Content: b64(`#!/bin/bash\ncurl -H "Authorization: Bearer ${'xoxp-' + '1234567890-example'}"\n`),
    };
    expect(findSurvivingSecret(everything)).toBeDefined();
    expect(findSurvivingSecret(scrubAll(undefined, everything).values[0])).toBeUndefined();
  });
});
