// The lifecycle-script secret scan: what it finds, what it must not flag, that its annotation
// never carries the secret, and that no Content (however malformed) makes it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigItem } from '../rules/_core/items.js';
import rule from '../rules/sagemaker-notebook-lifecycle-no-secrets.js';

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

const evaluate = (configuration: Record<string, unknown>) =>
  rule.evaluate(item(configuration), { scopeTagKey: undefined, scopeTagValue: undefined }, { lookup: () => undefined });
const onStart = (...scripts: string[]) => evaluate({ OnStart: scripts.map((s) => ({ Content: b64(s) })) });

// Built from parts so the test file itself does not look like it holds credentials.
const ACCESS_KEY = 'AKIA' + 'Z7EXAMPLEKEY4Q2M';
const SESSION_KEY = 'ASIA' + 'Q3EXAMPLE7TMP9KD';
const BEGIN = '-----BEGIN ';

describe('sagemaker-notebook-lifecycle-no-secrets', () => {
  it.each([
    ['an access key id', `#!/bin/bash\nset -e\naws configure set aws_access_key_id ${ACCESS_KEY}\n`, 'OnStart[0] line 3: AWS access key id', ACCESS_KEY],
    ['a session key id', `#!/bin/bash\ncat > ~/.aws/credentials <<'EOF'\n[lake]\naws_access_key_id = ${SESSION_KEY}\nEOF\n`, 'OnStart[0] line 4: AWS access key id', SESSION_KEY],
    ['an RSA key block', `#!/bin/bash\ncat > ~/.ssh/id_rsa <<'EOF'\n${BEGIN}RSA PRIVATE KEY-----\nMIIEexample\n`, 'OnStart[0] line 3: private key block', 'MIIEexample'],
    ['a PKCS#8 key block', `${BEGIN}PRIVATE KEY-----\nMIGHexample\n`, 'OnStart[0] line 1: private key block', 'MIGHexample'],
    ['an encrypted key block', `echo ok\n${BEGIN}ENCRYPTED PRIVATE KEY-----\n`, 'OnStart[0] line 2: private key block', 'ENCRYPTED'],
    ['an exported token', '#!/bin/bash\nexport GITHUB_TOKEN=ghp_EXAMPLEexample00000000\n', 'OnStart[0] line 2: GITHUB_TOKEN set to a literal value', 'ghp_EXAMPLEexample00000000'],
    ['a double-quoted password', 'DB_HOST=db.internal\nDB_PASSWORD="Tr0ub4dor&3-example"\n', 'OnStart[0] line 2: DB_PASSWORD set to a literal value', 'Tr0ub4dor&3-example'],
    ['a single-quoted secret', "WEBHOOK_SECRET='whsec_example_0000'\n", 'OnStart[0] line 1: WEBHOOK_SECRET set to a literal value', 'whsec_example_0000'],
    ['an API key written to an env file', 'echo "OPENAI_API_KEY=sk-example-000000" >> ~/.env\n', 'OnStart[0] line 1: OPENAI_API_KEY set to a literal value', 'sk-example-000000'],
    ['a lowercase variable', 'local db_password=hunter2hunter2\n', 'OnStart[0] line 1: db_password set to a literal value', 'hunter2hunter2'],
    ['a single-quoted literal holding a dollar sign', "API_TOKEN='abc$(not-run)def'\n", 'OnStart[0] line 1: API_TOKEN set to a literal value', 'abc$(not-run)def'],
  ])('flags %s, naming hook and line but never the secret', (_case, script, expected, secret) => {
    const verdict = onStart(script);
    expect(verdict.complianceType).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toBe(expected);
    expect(verdict.annotation).not.toContain(secret);
  });

  it.each([
    ['command substitution', 'export GITHUB_TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/github --query SecretString --output text)'],
    ['quoted command substitution', 'HF_TOKEN="$(aws ssm get-parameter --name /ml/hf --with-decryption --query Parameter.Value --output text)"'],
    ['backticks', 'NPM_TOKEN=`aws secretsmanager get-secret-value --secret-id ml/npm --query SecretString --output text`'],
    ['a variable', 'WANDB_API_KEY=$WANDB_KEY_FROM_ENV'],
    ['a braced variable', 'DB_PASSWORD="${FEATURE_DB_PASSWORD}"'],
    ['a short literal', 'JUPYTER_TOKEN=abc1234'],
    ['an empty value', "JUPYTER_TOKEN=''"],
    ['a name that does not end in a secret word', 'TOKEN_FILE=/home/ec2-user/.config/token-cache.json'],
    ['a comparison', 'if [ "$GITHUB_TOKEN" = "placeholder-value" ]; then exit 1; fi'],
    ['an IMDSv2 session token', 'TOKEN=$(curl -s -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")'],
    ['a Secrets Manager call', 'aws secretsmanager get-secret-value --secret-id ml/fraud-detection/db --query SecretString --output text > /home/ec2-user/.feature-db.json'],
  ])('does not flag %s', (_case, line) => {
    expect(onStart(`#!/bin/bash\nset -euo pipefail\n${line}\n`)).toEqual({ complianceType: 'COMPLIANT' });
  });

  it('counts line numbers in each script on its own, CRLF line ends included', () => {
    const clean = '#!/bin/bash\r\npip install --quiet xgboost==2.1.3\r\n';
    const verdict = evaluate({
      OnCreate: [{ Content: b64(clean) }],
      OnStart: [{ Content: b64(clean) }, { Content: b64(`#!/bin/bash\r\n\r\n\r\nexport SLACK_TOKEN=xoxb-example-0000\r\n`) }],
    });
    expect(verdict.annotation).toBe('OnStart[1] line 4: SLACK_TOKEN set to a literal value');
  });

  it('reports the first finding and how many more there are', () => {
    const verdict = evaluate({
      OnCreate: [{ Content: b64(`aws configure set aws_access_key_id ${ACCESS_KEY}\n`) }],
      OnStart: [{ Content: b64(`export GITHUB_TOKEN=ghp_EXAMPLEexample00000000\n${BEGIN}OPENSSH PRIVATE KEY-----\n`) }],
    });
    expect(verdict).toEqual({ complianceType: 'NON_COMPLIANT', annotation: 'OnCreate[0] line 1: AWS access key id; 2 more findings' });
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
    const verdict = evaluate({ OnCreate: [{ Content: '#!/bin/bash\nexport GITHUB_TOKEN=ghp_EXAMPLEexample00000000\n' }] });
    expect(verdict.complianceType).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toBe('OnCreate[0] line 2: GITHUB_TOKEN set to a literal value (OnCreate[0] Content is not base64; scanned as written)');
  });

  it('accepts base64 wrapped over several lines', () => {
    const wrapped = b64(`#!/bin/bash\n# ${'x'.repeat(80)}\naws configure set aws_access_key_id ${ACCESS_KEY}\n`).replace(/(.{76})/g, '$1\n');
    expect(evaluate({ OnStart: [{ Content: wrapped }] }).annotation).toBe('OnStart[0] line 3: AWS access key id');
  });

  it('reads malformed hooks without throwing', () => {
    for (const configuration of [
      { OnCreate: null, OnStart: null },
      { OnCreate: 'not-a-list', OnStart: 42 },
      { OnCreate: [null, 7, 'text', { Content: 12 }], OnStart: [{ Content: null }] },
    ]) {
      expect(evaluate(configuration).complianceType).toBe('COMPLIANT');
    }
    // A single hook object where a list belongs still gets scanned.
    expect(evaluate({ OnStart: { Content: b64(`aws configure set aws_access_key_id ${ACCESS_KEY}\n`) } }).complianceType).toBe('NON_COMPLIANT');
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
        const verdict = onStart(`#!/bin/bash${'\n'.repeat(blank + 1)}export ${n}=${q}${v}${q}\n`);
        expect(verdict).toEqual({ complianceType: 'NON_COMPLIANT', annotation: expected });
        expect(verdict.annotation).not.toContain(v);
      }),
    );
  });
});
