// The lifecycle-script secret scan: what it finds, what it must not flag, that its annotation
// never carries the secret, and that no Content (however malformed) makes it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateItem } from '../rules/_core/engine.js';
import { InvalidConfigurationError } from '../rules/_core/errors.js';
import type { ConfigItem } from '../rules/_core/items.js';
import { isLiteral } from '../rules/_core/secret-names.js';
import rule from '../rules/sagemaker-notebook-lifecycle-no-secrets.js';
import { fakeTokens } from './support/fake-tokens.js';

const b64 = (script: string) => Buffer.from(script, 'utf8').toString('base64');

function item(configuration: Record<string, unknown>): ConfigItem {
  return {
    resourceType: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
    resourceId: 'fraud-detection-install-deps',
    configurationItemStatus: 'OK',
    tags: {},
    configuration: { NotebookInstanceLifecycleConfigName: 'fraud-detection-install-deps', ...configuration },
    supplementaryConfiguration: {},
  };
}

const NO_PARAMS = { scopeTagKey: undefined, scopeTagValue: undefined };
const TS = '2026-11-20T09:14:03.512Z';
const noLookup = () => undefined;
const evaluate = (configuration: Record<string, unknown>) =>
  rule.evaluate(item(configuration), { scopeTagKey: undefined, scopeTagValue: undefined }, { lookup: () => undefined });
const onStart = (...scripts: string[]) => evaluate({ OnStart: scripts.map((s) => ({ Content: b64(s) })) });

// Built from parts so the test file itself does not look like it holds credentials.
const ACCESS_KEY = 'AKIA' + 'Z7EXAMPLEKEY4Q2M';
const SESSION_KEY = 'ASIA' + 'Q3EXAMPLE7TMP9KD';
const BEGIN = '-----BEGIN ';
const FAKE = fakeTokens(7);

describe('sagemaker-notebook-lifecycle-no-secrets', () => {
  it.each([
    [
      'an access key id',
      `#!/bin/bash\nset -e\naws configure set aws_access_key_id ${ACCESS_KEY}\n`,
      'OnStart[0] line 3: AWS access key id',
      ACCESS_KEY,
    ],
    [
      'a session key id',
      `#!/bin/bash\ncat > ~/.aws/credentials <<'EOF'\n[lake]\naws_access_key_id = ${SESSION_KEY}\nEOF\n`,
      'OnStart[0] line 4: AWS access key id',
      SESSION_KEY,
    ],
    [
      'an RSA key block',
      `#!/bin/bash\ncat > ~/.ssh/id_rsa <<'EOF'\n${BEGIN}RSA PRIVATE KEY-----\nMIIEexample\n`,
      'OnStart[0] line 3: private key block',
      'MIIEexample',
    ],
    [
      'a PKCS#8 key block',
      `${BEGIN}PRIVATE KEY-----\nMIGHexample\n`,
      'OnStart[0] line 1: private key block',
      'MIGHexample',
    ],
    [
      'an encrypted key block',
      `echo ok\n${BEGIN}ENCRYPTED PRIVATE KEY-----\n`,
      'OnStart[0] line 2: private key block',
      'ENCRYPTED',
    ],
    [
      'an exported token',
      '#!/bin/bash\nexport GITHUB_TOKEN=ghp_EXAMPLEexample00000000\n',
      'OnStart[0] line 2: GITHUB_TOKEN set to a literal value',
      'ghp_EXAMPLEexample00000000',
    ],
    [
      'a double-quoted password',
      'DB_HOST=db.internal\nDB_PASSWORD="Tr0ub4dor&3-example"\n',
      'OnStart[0] line 2: DB_PASSWORD set to a literal value',
      'Tr0ub4dor&3-example',
    ],
    [
      'a single-quoted secret',
      "WEBHOOK_SECRET='whsec_example_0000'\n",
      'OnStart[0] line 1: WEBHOOK_SECRET set to a literal value',
      'whsec_example_0000',
    ],
    [
      'an API key written to an env file',
      'echo "OPENAI_API_KEY=sk-example-000000" >> ~/.env\n',
      'OnStart[0] line 1: OPENAI_API_KEY set to a literal value',
      'sk-example-000000',
    ],
    [
      'a lowercase variable',
      'local db_password=hunter2hunter2\n',
      'OnStart[0] line 1: db_password set to a literal value',
      'hunter2hunter2',
    ],
    [
      "a password inside another variable's quoted value",
      'ENV_LINE="DB_PASSWORD=hunter2hunter2"\necho "$ENV_LINE" >> /home/ec2-user/.env\n',
      'OnStart[0] line 1: DB_PASSWORD set to a literal value',
      'hunter2hunter2',
    ],
    [
      'a password in the query of a URL given to a variable',
      'export FEATURES_JDBC=jdbc:postgresql://db.internal:5432/features?password=hunter2hunter2&ssl=true\n',
      'OnStart[0] line 1: password set to a literal value',
      'hunter2hunter2',
    ],
    [
      'a single-quoted literal holding a dollar sign',
      "API_TOKEN='abc$(not-run)def'\n",
      'OnStart[0] line 1: API_TOKEN set to a literal value',
      'abc$(not-run)def',
    ],
  ])('flags %s, naming hook and line but never the secret', (_case, script, expected, secret) => {
    const verdict = onStart(script);
    expect(verdict.complianceType).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toBe(expected);
    expect(verdict.annotation).not.toContain(secret);
  });

  it.each([
    [
      'command substitution',
      'export GITHUB_TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/github --query SecretString --output text)',
    ],
    [
      'quoted command substitution',
      'HF_TOKEN="$(aws ssm get-parameter --name /ml/hf --with-decryption --query Parameter.Value --output text)"',
    ],
    [
      'backticks',
      'NPM_TOKEN=`aws secretsmanager get-secret-value --secret-id ml/npm --query SecretString --output text`',
    ],
    ['a variable', 'WANDB_API_KEY=$WANDB_KEY_FROM_ENV'],
    ['a braced variable', 'DB_PASSWORD="${FEATURE_DB_PASSWORD}"'],
    ['a short literal', 'JUPYTER_TOKEN=abc1234'],
    ['an empty value', "JUPYTER_TOKEN=''"],
    ['a name that does not end in a secret word', 'TOKEN_FILE=/home/ec2-user/.config/token-cache.json'],
    ['a comparison', 'if [ "$GITHUB_TOKEN" = "placeholder-value" ]; then exit 1; fi'],
    [
      'an IMDSv2 session token',
      'TOKEN=$(curl -s -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
    ],
    [
      'a Secrets Manager call',
      'aws secretsmanager get-secret-value --secret-id ml/fraud-detection/db --query SecretString --output text > /home/ec2-user/.feature-db.json',
    ],
  ])('does not flag %s', (_case, line) => {
    expect(onStart(`#!/bin/bash\nset -euo pipefail\n${line}\n`)).toEqual({ complianceType: 'COMPLIANT' });
  });

  // Forms the detector missed before it was shared with `record`.
  const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYQ7EXAMPLEK';
  it.each([
    [
      'a 40-character secret access key',
      `export AWS_SECRET_ACCESS_KEY=${SECRET_KEY}`,
      'AWS_SECRET_ACCESS_KEY set to a literal value',
      SECRET_KEY,
    ],
    [
      'a PASSWD variable',
      'export DB_PASSWD=correct-horse-battery',
      'DB_PASSWD set to a literal value',
      'correct-horse-battery',
    ],
    [
      'an INI secret key',
      `aws_secret_access_key = ${SECRET_KEY}`,
      'aws_secret_access_key set to a literal value',
      SECRET_KEY,
    ],
    [
      'a JSON password',
      '{"user": "ml", "password": "correct-horse-battery"}',
      'password set to a literal value',
      'correct-horse-battery',
    ],
    [
      'aws configure set',
      `aws configure set aws_secret_access_key ${SECRET_KEY}`,
      'aws_secret_access_key set to a literal value',
      SECRET_KEY,
    ],
    [
      'a bare GitHub token',
      `git clone https://${FAKE.githubClassic}@github.com/o/r.git`,
      'GitHub token',
      FAKE.githubClassic.slice(4),
    ],
    [
      'a fine-grained GitHub token',
      `gh auth login --with-token <<< ${FAKE.githubFineGrained}`,
      'GitHub token',
      FAKE.githubFineGrained.slice(11),
    ],
    [
      'a Slack token',
      `curl -X POST -d @payload.json ${FAKE.slackWebhook}`,
      'Slack webhook URL',
      FAKE.slackWebhook.slice(-24),
    ],
    ['a Stripe live key', `./sync ${FAKE.stripeLive}`, 'Stripe key', FAKE.stripeLive.slice(8)],
    ['a GitLab token', `curl --header "Job: ${FAKE.gitlab}"`, 'GitLab token', FAKE.gitlab.slice(6)],
    [
      'credentials in a URL',
      'pip install --index-url https://reader:Pa55w0rd@pypi.corp.example/simple x',
      'URL with credentials',
      'Pa55w0rd',
    ],
  ])('flags %s', (_case, line, expected, secret) => {
    const verdict = onStart(`#!/bin/bash\n${line}\n`);
    expect(verdict).toEqual({ complianceType: 'NON_COMPLIANT', annotation: `OnStart[0] line 2: ${expected}` });
    expect(verdict.annotation).not.toContain(secret);
  });

  it.each([
    [
      'a Secrets Manager read',
      'export DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id ml/db --query SecretString --output text)"',
    ],
    [
      'an SSM read',
      'HF_TOKEN=$(aws ssm get-parameter --name /ml/hf --with-decryption --query Parameter.Value --output text)',
    ],
    ['${VAR} in a URL', 'git clone https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git'],
    ['a password file path', 'export PASSWORD_FILE=/home/ec2-user/.secrets/db-password'],
    ['a home-relative path', 'DB_PASSWORD_FILE=~/.secrets/db-password'],
    ['an empty value', 'export DB_PASSWORD='],
    ['aws configure set from a variable', 'aws configure set aws_secret_access_key "$SECRET_FROM_SSM"'],
  ])('keeps %s COMPLIANT', (_case, line) => {
    expect(onStart(`#!/bin/bash\n${line}\n`)).toEqual({ complianceType: 'COMPLIANT' });
  });

  it('counts line numbers in each script on its own, CRLF line ends included', () => {
    const clean = '#!/bin/bash\r\npip install --quiet xgboost==2.1.3\r\n';
    const verdict = evaluate({
      OnCreate: [{ Content: b64(clean) }],
      OnStart: [
        { Content: b64(clean) },
        { Content: b64(`#!/bin/bash\r\n\r\n\r\nexport SLACK_TOKEN=xoxb-example-0000\r\n`) },
      ],
    });
    expect(verdict.annotation).toBe('OnStart[1] line 4: SLACK_TOKEN set to a literal value');
  });

  it('reports the first finding and how many more there are', () => {
    const verdict = evaluate({
      OnCreate: [{ Content: b64(`aws configure set aws_access_key_id ${ACCESS_KEY}\n`) }],
      OnStart: [{ Content: b64(`export GITHUB_TOKEN=ghp_EXAMPLEexample00000000\n${BEGIN}OPENSSH PRIVATE KEY-----\n`) }],
    });
    expect(verdict).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: 'OnCreate[0] line 1: AWS access key id; 2 more findings',
    });
  });

  it('is COMPLIANT without any script: nothing runs, so nothing can leak', () => {
    expect(evaluate({})).toEqual({ complianceType: 'COMPLIANT' });
    expect(evaluate({ OnCreate: [], OnStart: [] })).toEqual({ complianceType: 'COMPLIANT' });
    expect(evaluate({ OnStart: [{}] })).toEqual({ complianceType: 'COMPLIANT' });
  });

  it('scans Content that is not base64 as written, and says so', () => {
    expect(evaluate({ OnStart: [{ Content: 'IyEvYmluL2Jhc2gK!!%%not*base64' }] })).toEqual({
      complianceType: 'COMPLIANT',
      annotation: 'no secret found (OnStart[0] Content is not base64; scanned as written)',
    });
    const verdict = evaluate({
      OnCreate: [{ Content: '#!/bin/bash\nexport GITHUB_TOKEN=ghp_EXAMPLEexample00000000\n' }],
    });
    expect(verdict.complianceType).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toBe(
      'OnCreate[0] line 2: GITHUB_TOKEN set to a literal value (OnCreate[0] Content is not base64; scanned as written)',
    );
  });

  it('accepts base64 wrapped over several lines', () => {
    const wrapped = b64(
      `#!/bin/bash\n# ${'x'.repeat(80)}\naws configure set aws_access_key_id ${ACCESS_KEY}\n`,
    ).replace(/(.{76})/g, '$1\n');
    expect(evaluate({ OnStart: [{ Content: wrapped }] }).annotation).toBe('OnStart[0] line 3: AWS access key id');
  });

  it('gets no verdict for malformed hooks: the engine refuses them before the rule runs', () => {
    for (const configuration of [
      { OnCreate: null, OnStart: null },
      { OnCreate: [], OnStart: [{ Content: null }] },
    ]) {
      expect(evaluateItem(rule, item(configuration), NO_PARAMS, TS, noLookup).ComplianceType).toBe('COMPLIANT');
    }
    for (const configuration of [
      { OnCreate: 'not-a-list', OnStart: 42 },
      { OnCreate: [null, 7, 'text'] },
      { OnStart: [{ Content: 12 }] },
    ]) {
      expect(() => evaluateItem(rule, item(configuration), NO_PARAMS, TS, noLookup)).toThrow(InvalidConfigurationError);
    }
    // A single hook object where a list belongs still gets scanned.
    const single = item({ OnStart: { Content: b64(`aws configure set aws_access_key_id ${ACCESS_KEY}\n`) } });
    expect(evaluateItem(rule, single, NO_PARAMS, TS, noLookup).ComplianceType).toBe('NON_COMPLIANT');
  });

  it('never throws, whatever Content holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.string({ unit: 'binary' })), (content) => {
        const verdict = evaluate({ OnCreate: [{ Content: content }], OnStart: [{ Content: b64(content) }] });
        expect(['COMPLIANT', 'NON_COMPLIANT']).toContain(verdict.complianceType);
      }),
    );
  });

  it('never puts a literal token into the annotation', () => {
    const name = fc.constantFrom('GITHUB_TOKEN', 'DB_PASSWORD', 'CLIENT_SECRET', 'OPENAI_API_KEY', 'hf_token');
    const value = fc.stringMatching(/^[A-Za-z0-9_\-.+/=:@]{8,48}$/);
    const quote = fc.constantFrom('', '"', "'");
    fc.assert(
      fc.property(name, value, quote, fc.nat(5), (n, v, q, blank) => {
        const expected = `OnStart[0] line ${blank + 2}: ${n} set to a literal value`;
        fc.pre(!expected.includes(v)); // a value that happens to spell part of the variable name proves nothing
        // A path, a secret's name (ml/prod/x) or a placeholder is where the secret is read from, not the secret.
        fc.pre(isLiteral({ raw: `${q}${v}${q}`, kind: 'shell' }, v));
        fc.pre(q !== '' || !v.startsWith('=')); // NAME==x reads as a comparison or a package spec (pkg==1.2)
        const verdict = onStart(`#!/bin/bash${'\n'.repeat(blank + 1)}export ${n}=${q}${v}${q}\n`);
        expect(verdict).toEqual({ complianceType: 'NON_COMPLIANT', annotation: expected });
        expect(verdict.annotation).not.toContain(v);
      }),
    );
  });
});

// The forms the previous detector missed or flagged wrongly, each in the way a script writes it.
describe('sagemaker-notebook-lifecycle-no-secrets: forms from the third security review', () => {
  const T = fakeTokens(19);
  const flagged = (line: string) => onStart(`#!/bin/bash\n${line}\n`);

  it.each([
    ['hf_ under a name it does not know', `export MODEL_HUB=${T.huggingface}`, 'Hugging Face token'],
    ['sk-ant- under a name it does not know', `export CLAUDE=${T.anthropic}`, 'Anthropic API key'],
    ['sk-proj- under a name it does not know', `export LLM=${T.openaiProject}`, 'OpenAI API key'],
    ['npm_ under a name it does not know', `export REGISTRY_CRED_2=${T.npm}`, 'npm token'],
    ['a Slack webhook URL under a name it does not know', `export ALERTS=${T.slackWebhook}`, 'Slack webhook URL'],
    ['an AIza key under a *KEY name', `export MAPS_KEY=${T.googleApiKey}`, 'MAPS_KEY set to a literal value'],
    [
      'an AWS secret key starting with /',
      `export AWS_SECRET_ACCESS_KEY=${T.awsSecretKeyWithSlash}`,
      'AWS_SECRET_ACCESS_KEY set to a literal value',
    ],
    ['a bare JWT', `curl "https://api.example.com/v1?x=1" -d ${T.jwt}`, 'JSON Web Token'],
    [
      'a Bearer JWT',
      `curl -H "Authorization: Bearer ${T.jwt}" https://api.example.com`,
      'Authorization set to a literal value',
    ],
    [
      'an Azure AccountKey=',
      `export AZ_CONN="DefaultEndpointsProtocol=https;AccountName=mlstore;AccountKey=${T.awsSecretKey}==;EndpointSuffix=core.windows.net"`,
      'AccountKey set to a literal value',
    ],
    [
      'docker login -p',
      `docker login -u ml-ci -p ${T.password} registry.corp.example`,
      'password set to a literal value',
    ],
    [
      'a netrc line',
      `echo "machine git.corp.example login ml-ci password ${T.password}" >> ~/.netrc`,
      'password set to a literal value',
    ],
    ['a netrc password line', `password ${T.password}`, 'password set to a literal value'],
    ['mysql -pSECRET', `mysql -h db.corp.example -u ml -p${T.password} features`, 'password set to a literal value'],
    ['--password', `psql-cli --host db --password ${T.password}`, 'password set to a literal value'],
    [
      "Python os.environ[...] = '...'",
      `python3 -c "import os; os.environ['HF_TOKEN'] = '${T.password}'"`,
      'HF_TOKEN set to a literal value',
    ],
    ['YAML password:', `  password: ${T.password}`, 'password set to a literal value'],
    ["$'...' quoting", `export DB_PASSWORD=$'${T.password}\\n'`, 'DB_PASSWORD set to a literal value'],
    [
      'an .npmrc _authToken',
      `echo "//npm.corp.example/:_authToken=${T.password}" > ~/.npmrc`,
      '_authToken set to a literal value',
    ],
    [
      'a presigned URL signature',
      `curl "https://b.s3.amazonaws.com/k?X-Amz-Signature=${T.awsSecretKey.slice(0, 32)}"`,
      'X-Amz-Signature set to a literal value',
    ],
  ])('flags %s', (_case, line, expected) => {
    const verdict = flagged(line);
    expect(verdict.complianceType).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toBe(`OnStart[0] line 2: ${expected}`);
    for (const secret of [T.password, T.jwt, T.huggingface, T.npm, T.googleApiKey])
      expect(verdict.annotation).not.toContain(secret);
  });

  it.each([
    ['a tokenizer name', 'export TOKENIZER_NAME=bert-base-uncased'],
    ['a secret id that is a Secrets Manager name', 'export SECRET_ID=ml/prod/hf-token'],
    [
      'a Secrets Manager ARN',
      'export HF_TOKEN_SECRET=arn:aws:secretsmanager:us-east-1:123456789012:secret:ml/prod/hf-token-AbCdEf',
    ],
    ['an SSM parameter name', 'export DB_PASSWORD=/ml/prod/db-password'],
    ['a header name', 'export API_KEY_HEADER=X-Api-Key'],
    ['a package spec', 'pip install secretflow==1.2.0 tokenizers==0.20.3'],
    ['a placeholder in angle brackets', 'export HF_TOKEN=<your-token>'],
    ['REPLACE_ME', 'export GITHUB_TOKEN=REPLACE_ME'],
    ['changeme as the placeholder', 'export DB_PASSWORD=changeme'],
    ['a commented-out example', '# export OPENAI_API_KEY=sk-your-key-goes-here-123456'],
    ['a default from the environment', 'export DB_PASSWORD=${DB_PASSWORD:-}'],
    [
      'a command substitution',
      'export HF_TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/hf --query SecretString --output text)',
    ],
    [
      'docker login from stdin',
      'aws ecr get-login-password | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    ],
    ['mysql -p that prompts', 'mysql -h db.corp.example -u ml -p features'],
    ['a Python read of the environment', 'python3 -c "import os; token = os.environ.get(\'HF_TOKEN\')"'],
    ['max_tokens', 'python3 train.py --max_tokens 4096 --tokenizer bert-base-uncased'],
    ['a password length setting', 'export PASSWORD_MIN_LENGTH=12345678'],
    ['a key that is a column name', 'export PARTITION_KEY=customer_id_hash'],
    ['a Docker port mapping', 'docker run -p 8888:8888 jupyter/base-notebook'],
  ])('does not flag %s', (_case, line) => {
    expect(flagged(line)).toEqual({ complianceType: 'COMPLIANT' });
  });

  it('flags a token of a known format even in a comment: a real token there has leaked all the same', () => {
    expect(flagged(`# old: ${T.githubClassic}`)).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: 'OnStart[0] line 2: GitHub token',
    });
  });

  it('cannot be switched off by a secretlint-disable comment', () => {
    expect(flagged(`# secretlint-disable\nexport X=${T.npm}\n# secretlint-enable`).complianceType).toBe(
      'NON_COMPLIANT',
    );
  });
});
