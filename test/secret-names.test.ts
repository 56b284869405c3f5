// The name-and-assignment layer of the secret detector (rules/_core/secret-names.ts), function by
// function: what a comment is, which values a line gives to which names and where each value's
// content sits, which names hold a secret, what counts as a literal, what looks generated, and
// what a JSON Web Token is. The rule's own tests see only the first finding's annotation; these
// pin each piece, so a one-character change to a pattern or a bound fails here by name.
import { describe, expect, it } from 'vitest';
import {
  assignmentsOf,
  generatedWords,
  isJwt,
  isKeyName,
  isLiteral,
  isPlaceholder,
  isSecretName,
  looksRandom,
  MIN_LITERAL_LENGTH,
  withoutComment,
  wordsOf,
} from '../rules/_core/secret-names.js';
import { fakeTokens } from './support/fake-tokens.js';

const T = fakeTokens(11);
/** What each assignment gives: the name, the value's content as the offsets cut it, and the kind. */
const given = (line: string) =>
  assignmentsOf(line).map((a) => ({ name: a.name, raw: a.raw, value: line.slice(a.start, a.end), kind: a.kind }));

describe('a comment', () => {
  it('is a whole line starting with #, ; or // and a space, after any indent', () => {
    for (const line of [
      '#!/bin/bash',
      '# DB_PASSWORD=hunter2hunter2',
      '   # indented',
      '; ini comment',
      '// note: x=1',
    ]) {
      expect(withoutComment(line), line).toBe('');
    }
  });

  it('is not an .npmrc key that starts with // and no space', () => {
    const npmrc = '//registry.npmjs.org/:_authToken=abcdefgh12345678';
    expect(withoutComment(npmrc)).toBe(npmrc);
  });

  it('is what follows a # that comes after white space, outside quotes', () => {
    expect(withoutComment('DB_PASSWORD=hunter2hunter2 #prod')).toBe('DB_PASSWORD=hunter2hunter2 ');
    expect(withoutComment('echo ok\t# done')).toBe('echo ok\t');
    expect(withoutComment('URL=https://example.com/docs#section')).toBe('URL=https://example.com/docs#section');
    expect(withoutComment('echo a#b')).toBe('echo a#b');
  });

  it('does not start inside quotes, and a quote of the other kind does not close them', () => {
    expect(withoutComment('PW="abc #def" #note')).toBe('PW="abc #def" ');
    expect(withoutComment("PW='abc #def' #note")).toBe("PW='abc #def' ");
    expect(withoutComment(`PW='it"s #not' #note`)).toBe(`PW='it"s #not' `);
    expect(withoutComment(`PW="it's #not" #note`)).toBe(`PW="it's #not" `);
  });

  it('does not end a double-quoted string at an escaped quote; a single-quoted one has no escapes', () => {
    expect(withoutComment('PW="a\\" #b" #note')).toBe('PW="a\\" #b" ');
    expect(withoutComment("PW='a\\' #note")).toBe("PW='a\\' ");
  });

  it('is never found in a quote left open: the rest of the line is the quote', () => {
    expect(withoutComment('PW="abc #def')).toBe('PW="abc #def');
  });
});

describe('the values a line gives to names', () => {
  it('reads a shell assignment, its value cut exactly', () => {
    expect(given('export DB_PASSWORD=hunter2hunter2')).toEqual([
      { name: 'DB_PASSWORD', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'shell' },
    ]);
  });

  it('reads name = value with spaces as spaced, and a quoted value inside its quotes', () => {
    expect(given('password = "s3cr3t-value"')).toEqual([
      { name: 'password', raw: '"s3cr3t-value"', value: 's3cr3t-value', kind: 'spaced' },
    ]);
    expect(given('password= hunter2hunter2')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'spaced' },
    ]);
    expect(given("token ='abc-123-def'")).toEqual([
      { name: 'token', raw: "'abc-123-def'", value: 'abc-123-def', kind: 'spaced' },
    ]);
  });

  it("reads an ANSI-C quoted value inside $'…'", () => {
    expect(given("API_TOKEN=$'abc\\tdef1234'")).toEqual([
      { name: 'API_TOKEN', raw: "$'abc\\tdef1234'", value: 'abc\\tdef1234', kind: 'shell' },
    ]);
  });

  it('keeps a lone quote character as it is written', () => {
    expect(given('QUOTE=\\"')).toEqual([{ name: 'QUOTE', raw: '\\', value: '\\', kind: 'shell' }]);
  });

  it('reads the assignments inside a quoted value again: a connection string in a variable', () => {
    const line = 'CONN="Server=tcp:db.example.net;AccountKey=abcDEF123456ghiJKL==;Encrypt=True"';
    expect(given(line)).toEqual([
      {
        name: 'CONN',
        raw: '"Server=tcp:db.example.net;AccountKey=abcDEF123456ghiJKL==;Encrypt=True"',
        value: 'Server=tcp:db.example.net;AccountKey=abcDEF123456ghiJKL==;Encrypt=True',
        kind: 'shell',
      },
      { name: 'Server', raw: 'tcp:db.example.net', value: 'tcp:db.example.net', kind: 'shell' },
      { name: 'AccountKey', raw: 'abcDEF123456ghiJKL==', value: 'abcDEF123456ghiJKL==', kind: 'shell' },
      { name: 'Encrypt', raw: 'True', value: 'True', kind: 'shell' },
    ]);
  });

  it('reads a variable whose quoted value assigns a secret in its turn', () => {
    expect(given('ENV_LINE="DB_PASSWORD=hunter2hunter2"')).toEqual([
      { name: 'ENV_LINE', raw: '"DB_PASSWORD=hunter2hunter2"', value: 'DB_PASSWORD=hunter2hunter2', kind: 'shell' },
      { name: 'DB_PASSWORD', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'shell' },
    ]);
    expect(given("ENV_LINE='DB_PASSWORD=hunter2hunter2'").map((a) => a.name)).toEqual(['ENV_LINE', 'DB_PASSWORD']);
    expect(given("ENV_LINE=$'DB_PASSWORD=hunter2hunter2'").map((a) => a.name)).toEqual(['ENV_LINE', 'DB_PASSWORD']);
  });

  it('reads the assignments inside a bare value too: the query of a URL given to a variable', () => {
    const jdbc = 'export FEATURES_JDBC=jdbc:postgresql://db.internal:5432/features?password=hunter2hunter2&ssl=true';
    expect(given(jdbc).map((a) => [a.name, a.value])).toEqual([
      ['FEATURES_JDBC', 'jdbc:postgresql://db.internal:5432/features?password=hunter2hunter2'],
      ['password', 'hunter2hunter2'],
      ['ssl', 'true'],
    ]);
    const presigned =
      'MODEL_URL=https://bucket.s3.amazonaws.com/m.tar.gz?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=abc123';
    expect(given(presigned).map((a) => a.name)).toEqual(['MODEL_URL', 'X-Amz-Credential', 'X-Amz-Signature']);
  });

  it('cuts a YAML value at its own place, even where the name holds the same text', () => {
    expect(assignmentsOf('password: pass')).toEqual([
      { name: 'password', raw: 'pass', kind: 'colon', start: 10, end: 14 },
    ]);
    // Quotes count only around the whole value; an empty quoted value is empty.
    expect(given('password: ab"cdefgh"')[0]!.value).toBe('ab"cdefgh"');
    expect(given('password: "abc"defgh')[0]!.value).toBe('"abc"defgh');
    expect(assignmentsOf('password: ""')).toEqual([{ name: 'password', raw: '""', kind: 'colon', start: 11, end: 11 }]);
  });

  it('reads the query of a URL', () => {
    const line = 'curl "https://bucket.s3.amazonaws.com/key?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=abc123def456"';
    expect(given(line).map((a) => [a.name, a.value, a.kind])).toEqual([
      ['X-Amz-Credential', 'AKIDEXAMPLE', 'shell'],
      ['X-Amz-Signature', 'abc123def456', 'shell'],
      // The quoted URL reads as a header named https too: a name that holds no secret.
      ['https', '//bucket.s3.amazonaws.com/key?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=abc123def456', 'colon'],
    ]);
  });

  it('reads JSON and Python dictionaries, and quoted headers with their scheme left out', () => {
    expect(given('{"api_key": "k-123456789", "region": "us-east-1"}')).toEqual([
      { name: 'api_key', raw: '"k-123456789"', value: 'k-123456789', kind: 'colon' },
      { name: 'region', raw: '"us-east-1"', value: 'us-east-1', kind: 'colon' },
    ]);
    expect(given(`headers = {'X-Api-Key': 'abcdefgh12345678'}`)).toEqual([
      { name: 'headers', raw: '{', value: '{', kind: 'spaced' },
      { name: 'X-Api-Key', raw: "'abcdefgh12345678'", value: 'abcdefgh12345678', kind: 'colon' },
    ]);
    expect(given('curl -H "Authorization: Bearer abcdef123456" https://api.example.com')).toEqual([
      { name: 'Authorization', raw: 'abcdef123456', value: 'abcdef123456', kind: 'colon' },
    ]);
  });

  it('reads a YAML key at the start of a line, list items and a trailing comment included', () => {
    expect(given('  password: hunter2hunter2')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'colon' },
    ]);
    expect(given('- token: "abc-123-def" # rotate')).toEqual([
      { name: 'token', raw: '"abc-123-def"', value: 'abc-123-def', kind: 'colon' },
    ]);
    expect(given('Authorization: Bearer abcdef123456')).toEqual([
      { name: 'Authorization', raw: 'abcdef123456', value: 'abcdef123456', kind: 'colon' },
    ]);
  });

  it("reads Python's environment writes", () => {
    expect(given(`os.environ['HF_TOKEN'] = 'hf_abcdefgh12345678'`)).toEqual([
      { name: 'HF_TOKEN', raw: "'hf_abcdefgh12345678'", value: 'hf_abcdefgh12345678', kind: 'colon' },
    ]);
    expect(given(`os.environ.setdefault("WANDB_API_KEY", "abcdefgh12345678")`)).toEqual([
      { name: 'WANDB_API_KEY', raw: '"abcdefgh12345678"', value: 'abcdefgh12345678', kind: 'colon' },
    ]);
    expect(given(`os.putenv('DB_PASSWORD', 'hunter2hunter2')`)).toEqual([
      { name: 'DB_PASSWORD', raw: "'hunter2hunter2'", value: 'hunter2hunter2', kind: 'colon' },
    ]);
  });

  it('reads long flags with = or a space, and not a flag followed by another flag', () => {
    expect(given('mlflow login --password=hunter2hunter2 --api-key abcdefgh12345678')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'flag' },
      { name: 'api-key', raw: 'abcdefgh12345678', value: 'abcdefgh12345678', kind: 'flag' },
    ]);
    expect(given('tool --password --verbose')).toEqual([]);
  });

  it('reads the short flags that take a password, only after their command', () => {
    expect(given('docker login -u ci -p hunter2hunter2 registry.example.com')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'flag' },
    ]);
    expect(given('sshpass -phunter2hunter2 ssh host')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'flag' },
    ]);
    expect(given('redis-cli -h cache -a hunter2hunter2 ping')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'flag' },
    ]);
    expect(given('mysql -uroot -phunter2hunter2 features')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'flag' },
    ]);
    // A space after mysql's -p makes it prompt: the next word is the database.
    expect(given('mysql -uroot -p features')).toEqual([]);
    expect(given('grep -p hunter2hunter2 file')).toEqual([]);
  });

  it('reads netrc lines, and a password word only where a netrc line is', () => {
    expect(given('machine api.example.com login ci password hunter2hunter2')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'netrc' },
    ]);
    expect(given('  password hunter2hunter2')).toEqual([
      { name: 'password', raw: 'hunter2hunter2', value: 'hunter2hunter2', kind: 'netrc' },
    ]);
    expect(given('echo enter your password twice please')).toEqual([]);
  });

  it('reads aws configure set, with a profile and a dotted name', () => {
    expect(given(`aws configure set aws_secret_access_key ${T.awsSecretKey}`)).toEqual([
      { name: 'aws_secret_access_key', raw: T.awsSecretKey, value: T.awsSecretKey, kind: 'flag' },
    ]);
    expect(given('aws configure set --profile ml default.aws_session_token abcdefgh12345678')).toEqual([
      { name: 'profile', raw: 'ml', value: 'ml', kind: 'flag' },
      { name: 'default.aws_session_token', raw: 'abcdefgh12345678', value: 'abcdefgh12345678', kind: 'flag' },
    ]);
  });

  it('finds nothing on a blank line or one without an assignment', () => {
    expect(assignmentsOf('')).toEqual([]);
    expect(assignmentsOf('   \t')).toEqual([]);
    expect(assignmentsOf('pip install -r requirements.txt')).toEqual([]);
    expect(assignmentsOf('if [ "$a" == "$b" ]; then')).toEqual([]);
  });
});

describe('the words of a name', () => {
  it('split snake, kebab, camel and acronym case, lower-cased', () => {
    expect(wordsOf('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(wordsOf('apiKey')).toEqual(['api', 'key']);
    expect(wordsOf('X-Api-Key')).toEqual(['x', 'api', 'key']);
    expect(wordsOf('_authToken')).toEqual(['auth', 'token']);
    expect(wordsOf('HFToken')).toEqual(['hf', 'token']);
    expect(wordsOf('OAuthTOKENValue2')).toEqual(['o', 'auth', 'token', 'value2']);
    expect(wordsOf('db--password__')).toEqual(['db', 'password']);
    expect(wordsOf('__')).toEqual([]);
  });
});

describe("a secret's name", () => {
  it('holds a secret word, or a pair of words that names one', () => {
    for (const name of [
      'DB_PASSWORD',
      'hfToken',
      'WEBHOOK_SECRET',
      'x-api-key',
      'apikey',
      'privateKey',
      'AccountKey',
      'SECRET_KEY',
      'X-Amz-Signature',
      '_auth',
    ])
      expect(isSecretName(name), name).toBe(true);
  });

  it('is not a name whose last word makes it a reference to a secret, or a setting about one', () => {
    for (const name of ['SECRET_ID', 'TOKEN_FILE', 'API_KEY_HEADER', 'password_length', 'secret_arn', 'TOKENIZER_NAME'])
      expect(isSecretName(name), name).toBe(false);
  });

  it('is not a pair in the wrong order or apart, nor a name of no words', () => {
    for (const name of ['KEY_API', 'API_PUBLIC_KEY', 'ACCESS_LOG_KEY', 'monkey', '__', '_auth_mode'])
      expect(isSecretName(name), name).toBe(false);
  });

  it('is a key name when its last word is key', () => {
    expect(isKeyName('MAPS_KEY')).toBe(true);
    expect(isKeyName('key')).toBe(true);
    expect(isKeyName('KEY_PREFIX')).toBe(false);
    expect(isKeyName('monkey')).toBe(false);
  });
});

describe('a placeholder', () => {
  it('is a value that only stands in for a secret, as the whole value, around white space', () => {
    for (const v of [
      '<your-token>',
      '{{ token }}',
      '[token]',
      'xxxx',
      'XXXX',
      '****',
      '...',
      '---',
      'your_token',
      'my-password',
      'token_here',
      'REPLACE_ME',
      'changeme',
      'changeit',
      'TODO',
      'none',
      'null',
      'true',
      '  changeme  ',
    ])
      expect(isPlaceholder(v), v).toBe(true);
    for (const v of ['changeme-prod-2026', 'hunter2hunter2', 'x', 'xx']) expect(isPlaceholder(v), v).toBe(false);
  });
});

describe('a literal', () => {
  const shell = (raw: string) => ({ raw, kind: 'shell' as const });
  const spaced = (raw: string) => ({ raw, kind: 'spaced' as const });
  const colon = (raw: string) => ({ raw, kind: 'colon' as const });

  it('is at least 8 characters written in place', () => {
    expect(MIN_LITERAL_LENGTH).toBe(8);
    expect(isLiteral(shell('hunter22'), 'hunter22')).toBe(true);
    expect(isLiteral(shell('hunter2'), 'hunter2')).toBe(false);
    expect(isLiteral(shell('abc'), 'abc', 3)).toBe(true);
    expect(isLiteral(shell(''), '', 0)).toBe(false);
  });

  it('is not a reference the shell expands, unless single quotes keep it as written', () => {
    for (const v of [
      '$DB_PASSWORD_FROM_ENV',
      '${DB_PASSWORD:-x}',
      '$(cat /run/secret)',
      '`cat /run/secret`',
      'prefix-$1-suffix',
    ])
      expect(isLiteral(shell(v), v), v).toBe(false);
    expect(isLiteral(shell(`'abc$(not-run)def'`), 'abc$(not-run)def')).toBe(true);
    expect(isLiteral(shell(`$'abc$(not-run)def'`), 'abc$(not-run)def')).toBe(true);
    expect(isLiteral(shell(`"abc$(run)def"`), 'abc$(run)def')).toBe(false);
    // A dollar sign not followed by a name is no expansion.
    expect(isLiteral(shell('price$ 100 each'), 'price$ 100 each')).toBe(true);
  });

  it('is single-quoted only when it opens with the quote, not when it ends with one', () => {
    expect(isLiteral(colon("$DB_PASSWORD'"), "$DB_PASSWORD'")).toBe(false);
  });

  it('is not a path, unless it is shaped like an AWS secret key that happens to start with /', () => {
    for (const v of ['/etc/ml/secret.txt', '~/secrets/db', './conf/token', '../token.txt'])
      expect(isLiteral(shell(v), v), v).toBe(false);
    expect(isLiteral(shell(T.awsSecretKeyWithSlash), T.awsSecretKeyWithSlash)).toBe(true);
    // Forty characters, but not random: a path still.
    const path = '/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(path).toHaveLength(40);
    expect(isLiteral(shell(path), path)).toBe(false);
  });

  it("is not a secret's name or ARN in Secrets Manager or SSM, or a URL without credentials", () => {
    for (const v of [
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:ml/hf-AbCdEf',
      '{{resolve:secretsmanager:ml/hf}}',
      'ml/prod/hf-token',
      's3://ml-artifacts/token.txt',
      'https://vault.example.com/v1/secret',
    ])
      expect(isLiteral(shell(v), v), v).toBe(false);
    expect(isLiteral(shell('https://ci:hunter2@example.com'), 'https://ci:hunter2@example.com')).toBe(true);
  });

  it('is not code in a name = value line: a call, a subscript or a bare identifier', () => {
    for (const v of ['os.environ.get', 'get_secret()', 'config[section]', 'settings.db_password'])
      expect(isLiteral(spaced(v), v), v).toBe(false);
    expect(isLiteral(spaced('hunter2-hunter2'), 'hunter2-hunter2')).toBe(true);
    // Quoted, the same text is a string, not code.
    expect(isLiteral(spaced("'settings.db_password'"), 'settings.db_password')).toBe(true);
    // The same bare identifier in a shell line is a value.
    expect(isLiteral(shell('settings.db_password'), 'settings.db_password')).toBe(true);
  });

  it('is not a call after a colon, nor a bare value cut off at a call or subscript', () => {
    expect(isLiteral(colon('getPassword(db)'), 'getPassword(db)')).toBe(false);
    expect(isLiteral(colon('"getPassword(db)"'), 'getPassword(db)')).toBe(true);
    expect(isLiteral(shell('os.environ['), 'os.environ[')).toBe(false);
    expect(isLiteral(shell('read_secret('), 'read_secret(')).toBe(false);
    expect(isLiteral(shell('"read_secret("'), 'read_secret(')).toBe(true);
    expect(isLiteral(colon('decrypt(abcdefgh'), 'decrypt(abcdefgh')).toBe(false);
    expect(isLiteral(shell('password.get('), 'password.get(')).toBe(false);
    // What only looks like a call is text: not after a name in a shell line, not starting with a digit.
    expect(isLiteral(shell('decrypt(abcdefgh'), 'decrypt(abcdefgh')).toBe(true);
    expect(isLiteral(colon('9lives(abcdef'), '9lives(abcdef')).toBe(true);
    expect(isLiteral(shell('1password.get('), '1password.get(')).toBe(true);
  });
});

describe('a generated-looking value', () => {
  it('is 16 characters or more with upper case, lower case and digits, varied enough', () => {
    expect(looksRandom('aB3dE5fG7hJ9kL1m')).toBe(true);
    expect(looksRandom(T.awsSecretKey)).toBe(true);
    expect(looksRandom('aB3dE5fG7hJ9kL1')).toBe(false); // 15
  });

  it('has each of the three kinds of character', () => {
    expect(looksRandom('ab3de5fg7hj9kl1mn')).toBe(false);
    expect(looksRandom('AB3DE5FG7HJ9KL1MN')).toBe(false);
    expect(looksRandom('aBcDeFgHiJkLmNoPq')).toBe(false);
  });

  it('has no white space and more than 3.5 bits a character', () => {
    expect(looksRandom('aB3dE5fG 7hJ9kL1m')).toBe(false);
    // Sixteen characters, all three kinds, but only four distinct: 2 bits a character.
    expect(looksRandom('aA11aA11aA11aA11')).toBe(false);
    // Thirteen distinct characters over sixteen, one of them four times: exactly 3.5 bits, not over.
    expect(looksRandom('aaaaB1c2d3e4f5gh')).toBe(false);
    // Fourteen distinct, one of them three times: about 3.70 bits, over it.
    expect(looksRandom('aaaB1c2d3e4f5ghi')).toBe(true);
  });
});

describe('generated-looking words of free text', () => {
  it('are runs of 16 letters and digits or more with two of each kind, where they sit in the text', () => {
    const text = `id: ${T.googleApiKey} and configurationItemMD5Hash done`;
    const words = generatedWords(text);
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual([T.googleApiKey]);
  });

  it('need two capitals, two lower-case letters and two digits', () => {
    expect(generatedWords('Ab3dx5fg7hj9kl1mnq')).toEqual([]); // one capital
    expect(generatedWords('ABC3DX5FG7HJ9KL1MN')).toEqual([]); // no lower case
    expect(generatedWords('AbCdEfGhIjKlMnOp1q')).toEqual([]); // one digit
    expect(generatedWords('AbCdEfGhIjKlMnOp12')).toEqual([{ start: 0, end: 18 }]);
    expect(generatedWords('AB3DE5FG7HJ9KL1Mx')).toEqual([]); // one lower-case letter
    expect(generatedWords('ab3de5fg7hj9kl1mnq')).toEqual([]); // no capital
    // Two of a kind are enough.
    expect(generatedWords('aB3dk5fg7hj9kl1mQ')).toEqual([{ start: 0, end: 17 }]);
    expect(generatedWords('AB3DE5FG7HJ9KL1xy')).toEqual([{ start: 0, end: 17 }]);
  });

  it('are judged by their runs of letters and digits: separators cut a word into short runs', () => {
    expect(generatedWords('aB3d-E5fG-7hJ9-kL1m-nP2q')).toEqual([]);
    expect(generatedWords('x aB3dE5fG7hJ9kL1m_x')).toEqual([{ start: 2, end: 20 }]);
  });
});

describe('a JSON Web Token', () => {
  it('is three base64url parts whose first is a JSON header naming its alg', () => {
    expect(isJwt(T.jwt)).toBe(true);
    const [header, payload] = T.jwt.split('.');
    // An unsigned token (alg none) has an empty third part.
    expect(isJwt(`${header}.${payload}.`)).toBe(true);
  });

  it('is not two or four parts, an empty header or payload, or characters outside base64url', () => {
    const [header, payload, signature] = T.jwt.split('.') as [string, string, string];
    expect(isJwt(`${header}.${payload}`)).toBe(false);
    expect(isJwt(`${T.jwt}.${signature}`)).toBe(false);
    expect(isJwt(`.${payload}.${signature}`)).toBe(false);
    expect(isJwt(`${header}..${signature}`)).toBe(false);
    expect(isJwt(`${header}.${payload}.${signature}+`)).toBe(false);
    expect(isJwt(`${header}+.${payload}.${signature}`)).toBe(false);
    expect(isJwt(`${header}.+${payload}.${signature}`)).toBe(false);
  });

  it('is not a header that is not JSON, not an object, or has no alg text', () => {
    const b64url = (v: string) => Buffer.from(v).toString('base64url');
    const rest = T.jwt.split('.').slice(1).join('.');
    for (const header of ['not json', 'null', '"HS256"', '["alg"]', '{"typ":"JWT"}', '{"alg":256}'])
      expect(isJwt(`${b64url(header)}.${rest}`), header).toBe(false);
    expect(isJwt(`${b64url('{"alg":"none"}')}.${rest}`)).toBe(true);
  });
});
