// The secret detector as a whole (rules/_core/secrets.ts) and its token-format adapter
// (rules/_core/secret-formats.ts): one finding per place, in line order, the access key id named
// as such whichever variable holds it, a token given to a secret's name reported once by that
// name; and `secretShaped`, the last pass `record` makes before it writes a fixture.
import { beforeEach, describe, expect, it } from 'vitest';
import { lineAt, lineStarts } from '../rules/_core/line-numbers.js';
import { findTokenFormats, formOf, presetReports, spanOf } from '../rules/_core/secret-formats.js';
import {
  describeFinding,
  findSecrets,
  locateSecrets,
  REDACTED,
  secretShaped,
  tokenMarker,
} from '../rules/_core/secrets.js';
import { fakeTokens } from './support/fake-tokens.js';

// Made at run time from seeded parts, so this file holds nothing a scanner takes for a credential.
const T = fakeTokens(11);

describe('every secret in a script', () => {
  const lines = [
    '#!/bin/bash',
    `export AWS_ACCESS_KEY_ID=${T.awsAccessKeyId}`,
    `export GITHUB_TOKEN=${T.githubClassic}`,
    `curl -H "Authorization: Bearer ${T.jwt}" https://api.example.com # ${T.githubClassic}`,
    `aws configure set aws_secret_access_key ${T.awsSecretKey}`,
    `AWS_SECRET=${T.awsAccessKeyId}`,
    T.privateKeyBlock,
    `git remote set-url origin https://${tokenMarker('GitHub token')}@github.com/ml/features.git`,
    'password: hunter2hunter2\r',
    `echo ${T.jwt}`,
  ];
  const script = lines.join('\n');
  // Read inside each test, never while the file is collected: a mutation run switches its mutant
  // on for the tests, and a value computed before them would hold the code without it.
  let found: ReturnType<typeof locateSecrets> = [];
  beforeEach(() => {
    found = locateSecrets(script);
  });

  it('is found once per place, in line order, with what it is and the variable it is given to', () => {
    expect(found.map(({ line, form, variable }) => ({ line, form, variable }))).toEqual([
      { line: 2, form: 'AWS access key id', variable: undefined },
      { line: 3, form: 'set to a literal value', variable: 'GITHUB_TOKEN' },
      // On one line: a token no name holds before a named value, wherever each sits on the line.
      { line: 4, form: 'GitHub token', variable: undefined },
      { line: 4, form: 'set to a literal value', variable: 'Authorization' },
      { line: 5, form: 'set to a literal value', variable: 'aws_secret_access_key' },
      // An access key id given to a secret's name is reported as the key, not as the name.
      { line: 6, form: 'AWS access key id', variable: undefined },
      // The preset's report of the whole block and the header pattern: one finding.
      { line: 7, form: 'private key block', variable: undefined },
      // A token record already took out is judged by its marker: the form it was.
      { line: 12, form: 'GitHub token', variable: undefined },
      { line: 13, form: 'set to a literal value', variable: 'password' },
      { line: 14, form: 'JSON Web Token', variable: undefined },
    ]);
  });

  it('points at each value itself, without quotes, scheme or the carriage return of a CRLF line', () => {
    expect(found.map((f) => f.value)).toEqual([
      T.awsAccessKeyId,
      T.githubClassic,
      T.githubClassic,
      T.jwt,
      T.awsSecretKey,
      T.awsAccessKeyId,
      T.privateKeyBlock,
      tokenMarker('GitHub token'),
      'hunter2hunter2',
      T.jwt,
    ]);
    for (const f of found) expect(script.slice(f.start, f.end)).toBe(f.value);
    // The comment's token is the one at the end of line 4, not the one given to GITHUB_TOKEN.
    expect(found[2]!.start).toBe(script.lastIndexOf(T.githubClassic));
  });

  it('is reported without its place or value, and described without the value', () => {
    const findings = findSecrets(script);
    expect(findings[0]).toEqual({ line: 2, form: 'AWS access key id' });
    expect(Object.keys(findings[0]!)).toEqual(['line', 'form']);
    expect(findings[1]).toEqual({ line: 3, form: 'set to a literal value', variable: 'GITHUB_TOKEN' });
    expect(findings.map(describeFinding).slice(0, 2)).toEqual([
      'line 2: AWS access key id',
      'line 3: GITHUB_TOKEN set to a literal value',
    ]);
    for (const text of findings.map(describeFinding)) expect(text).not.toContain(T.githubClassic);
  });

  it('counts a JWT only when its header is a JWT header', () => {
    const [, payload, signature] = T.jwt.split('.');
    const notAHeader = `eyJub3RhIjoiaGVhZGVyIn0.${payload}.${signature}`; // {"nota":"header"}
    expect(findSecrets(`echo ${notAHeader}`)).toEqual([]);
    expect(findSecrets(`echo ${T.jwt}`)).toEqual([{ line: 1, form: 'JSON Web Token' }]);
  });

  it('keeps the finding that starts first where two overlap: a JWT whose signature ends with a token', () => {
    expect(findSecrets(`echo ${T.jwt}-${T.githubClassic}`)).toEqual([{ line: 1, form: 'JSON Web Token' }]);
  });

  it('reports a token inside a named value once, by the name', () => {
    expect(findSecrets('"password": "https://ml:S3cretPassw0rd@db.example.com/features"')).toEqual([
      { line: 1, form: 'set to a literal value', variable: 'password' },
    ]);
  });

  it("orders one line's findings: access key ids, then tokens no name holds, then names, each by place", () => {
    const line = `DB_PASSWORD=hunter2hunter2 ${T.githubClassic} ${T.awsAccessKeyId}`;
    expect(findSecrets(line).map((f) => f.variable ?? f.form)).toEqual([
      'AWS access key id',
      'GitHub token',
      'DB_PASSWORD',
    ]);
    // A dictionary's pair before a shell assignment: found after it, reported before it.
    expect(findSecrets('{"api_key": "k-1234567890ab"} password=hunter2hunter2').map((f) => f.variable)).toEqual([
      'api_key',
      'password',
    ]);
  });

  it("leaves a URL the preset reads alone when it holds record's marker", () => {
    expect(presetReports(`mongodb://admin:${REDACTED}@db.internal:27017/features`)).not.toEqual([]);
    expect(findSecrets(`mongodb://admin:${REDACTED}@db.internal:27017/features`)).toEqual([]);
  });

  it('keeps two secrets that touch but do not overlap', () => {
    const text = `${T.githubClassic} ${T.npm}`;
    expect(findSecrets(text).map((f) => f.form)).toEqual(['GitHub token', 'npm token']);
    // No space between: the key block starts where the token ends.
    const touching = `${T.githubClassic}${T.privateKeyBlock}`;
    expect(findSecrets(touching).map((f) => f.form)).toEqual(['GitHub token', 'private key block']);
  });

  it('counts the same value once when a name repeats it on a line', () => {
    expect(findSecrets('DB_PASSWORD=hunter2hunter2 DB_PASSWORD=hunter2hunter2')).toHaveLength(2);
    expect(findSecrets('"password": "hunter2hunter2"')).toEqual([
      { line: 1, form: 'set to a literal value', variable: 'password' },
    ]);
  });
});

describe("record's marker", () => {
  it('keeps the form with its spaces as underscores, and is read back as that form', () => {
    expect(tokenMarker('AWS access key id')).toBe(`${REDACTED}[AWS_access_key_id]`);
    expect(findSecrets(`KEY_FILE=${tokenMarker('Hugging Face token')}`)).toEqual([
      { line: 1, form: 'Hugging Face token' },
    ]);
  });
});

describe("record's last pass (secretShaped)", () => {
  it('names a literal under a secret’s name, unless it is a reference, a placeholder or record’s marker', () => {
    expect(secretShaped('hunter2hunter2', 'DB_PASSWORD')).toBe('literal under DB_PASSWORD');
    expect(secretShaped('$DB_PASSWORD_FROM_SSM', 'DB_PASSWORD')).toBeUndefined();
    expect(secretShaped('changeme', 'DB_PASSWORD')).toBeUndefined();
    expect(secretShaped(REDACTED, 'DB_PASSWORD')).toBeUndefined();
    expect(secretShaped(`${REDACTED}-hunter2`, 'DB_PASSWORD')).toBeUndefined();
    // Under a name that holds no secret, the same literal is only text.
    expect(secretShaped('hunter2hunter2', 'DB_HOST')).toBeUndefined();
  });

  it('names a generated-looking value under a *KEY name, and nothing else under one', () => {
    expect(secretShaped('aB3dE5fG7hJ9kL1m', 'PARTITION_KEY')).toBe('generated-looking value under PARTITION_KEY');
    expect(secretShaped('customer_id', 'PARTITION_KEY')).toBeUndefined();
  });

  it('takes a JWT or a generated-looking string for a credential when the text is a value in its own right', () => {
    expect(secretShaped(T.jwt, 'Description', true)).toBe('JSON Web Token');
    expect(secretShaped('aB3dE5fG7hJ9kL1m', 'Description', true)).toBe('generated-looking value');
    expect(secretShaped('aB3dE5fG7hJ9kL1m', undefined, true)).toBe('generated-looking value');
    expect(secretShaped('churn model v7', 'Description', true)).toBeUndefined();
    // Not a value of its own: a JWT is found by the detector, a generated word as a word.
    expect(secretShaped(T.jwt)).toBe('JSON Web Token');
    expect(secretShaped('id aB3dE5fG7hJ9kL1m')).toBe('generated-looking word');
    // record's marker elsewhere in the text does not clear the word.
    expect(secretShaped(`id aB3dE5fG7hJ9kL1m, key ${REDACTED}`)).toBe('generated-looking word');
  });

  it('names a private key block that still holds key material, not one record emptied', () => {
    expect(secretShaped(T.privateKeyBlock)).toBe('private key block');
    const emptied = `-----BEGIN RSA PRIVATE KEY-----\n${REDACTED}\n-----END RSA PRIVATE KEY-----`;
    expect(secretShaped(emptied)).toBeUndefined();
    // A body line whose words record replaced one by one still reads as a run of base64.
    const wordsReplaced = `-----BEGIN RSA PRIVATE KEY-----\n${REDACTED}+${REDACTED}/abc\n-----END RSA PRIVATE KEY-----`;
    expect(secretShaped(wordsReplaced)).toBeUndefined();
    const withHeaders = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\n${T.awsSecretKey}`;
    expect(secretShaped(withHeaders)).toBe('private key block');
  });

  it('names what the detector finds in a text, the variable when there is one', () => {
    expect(secretShaped(`export GITHUB_TOKEN=${T.githubClassic}`)).toBe('literal GITHUB_TOKEN');
    expect(secretShaped(`clone with ${T.githubClassic}`)).toBe('GitHub token');
    expect(secretShaped(`clone with ${tokenMarker('GitHub token')}`)).toBeUndefined();
    expect(secretShaped(`word ${REDACTED}aB3dE5fG7hJ9kL1m`)).toBeUndefined();
    expect(secretShaped('pip install -r requirements.txt')).toBeUndefined();
  });
});

describe('the token formats of the preset', () => {
  it('are found in text order, whichever preset rule reported first, the longer first at one start', () => {
    const text = `${T.githubClassic}\n${T.awsAccessKeyId}\n${T.privateKeyBlock}`;
    const found = findTokenFormats(text);
    expect(found.map((f) => f.form)).toEqual(['GitHub token', 'AWS access key id', 'private key block']);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([
      T.githubClassic,
      T.awsAccessKeyId,
      T.privateKeyBlock,
    ]);
    // The preset runs rule by rule: the AWS rule reports before the GitHub rule.
    expect(presetReports(text).map((r) => r.rule)).toEqual(['aws', 'privatekey', 'github']);
  });

  it('leave out AWS account ids, which the AWS rule reports beside access key ids', () => {
    // The text the AWS rule's account id pattern matches (an ARN's account is not matched at all).
    const text = `AWS_ACCOUNT_ID=123456789012\nAWS_ACCESS_KEY_ID=${T.awsAccessKeyId}`;
    expect(presetReports(text).map((r) => r.messageId)).toEqual(['AWSAccessKeyID']);
    expect(findTokenFormats(text).map((f) => f.form)).toEqual(['AWS access key id']);
  });

  it('are named by message, then by rule, then by the id of a rule the preset added later', () => {
    expect(formOf({ rule: 'aws', messageId: 'AWSSecretAccessKey' })).toBe('AWS secret access key');
    expect(formOf({ rule: 'github', messageId: 'GITHUB_TOKEN' })).toBe('GitHub token');
    expect(formOf({ rule: 'acme', messageId: 'ACME_KEY' })).toBe('acme secret');
  });
});

describe("the place of a preset's report (spanOf)", () => {
  const text = 'key=abc token=abcdefghij tail';
  const whole = [0, text.length] as const;

  it('is the longest value the report names, looked up from the start of its range', () => {
    expect(spanOf(text, { range: whole, data: { id: 'abc', token: 'abcdefghij' } })).toEqual([14, 24]);
    expect(spanOf(text, { range: whole, data: { token: 'abcdefghij', id: 'abc' } })).toEqual([14, 24]);
    expect(spanOf(text, { range: [0, 20], data: { v: 'key' } })).toEqual([0, 3]);
  });

  it('may start at the range’s end, not after it, and not before its start', () => {
    expect(spanOf(text, { range: [0, 14], data: { v: 'abcdefghij' } })).toEqual([14, 24]);
    expect(spanOf(text, { range: [0, 13], data: { v: 'abcdefghij' } })).toEqual([0, 13]);
    expect(spanOf(text, { range: [5, 29], data: { v: 'key' } })).toEqual([5, 29]);
  });

  it('is the range itself when no text value names a place: empty, not a string, not found', () => {
    expect(spanOf(text, { range: [4, 7], data: { v: '' } })).toEqual([4, 7]);
    expect(spanOf('id 12345 x', { range: [0, 10], data: { n: 12345 } })).toEqual([0, 10]);
    expect(spanOf(text, { range: [4, 7], data: { v: 'absent' } })).toEqual([4, 7]);
    expect(spanOf(text, { range: [4, 7], data: {} })).toEqual([4, 7]);
    expect(spanOf(text, { range: [0, 29], data: { v: ['abc'] } })).toEqual([0, 29]);
  });
});

describe('line numbers', () => {
  it('count a line break at the very start of the text', () => {
    expect(lineStarts('\nx')).toEqual([0, 1]);
    expect(lineAt(lineStarts('\nx'), 1)).toBe(2);
  });
});
