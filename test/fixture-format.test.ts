// Fixtures are read in reviews: pretty-printed, short lines, and a bare configuration item unless
// the Config event itself is what the fixture tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../cli/paths.js';
import { isFixtureName } from '../cli/local/fixtures.js';

const MAX_LINE = 200;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

const jsonFiles = filesUnder(FIXTURES_DIR).filter((f) => f.endsWith('.json'));

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Payload fields whose content is what some fixtures test, valid or not: a lifecycle script
// (base64 from the API, plain text in the case that checks that) and a pipeline definition
// (JSON, malformed in the case that checks that).
const PAYLOAD_KEYS = new Set(['Content', 'PipelineDefinition']);
// An expected annotation in _expected.json is the rule's output verbatim (at most Config's 256
// characters): splitting it would make it a pattern, a weaker oracle.
const VERBATIM_KEYS = new Set(['annotation']);

/**
 * A long line is allowed only when it is one string member whose value cannot be broken across
 * lines: a base64 payload, a JSON document AWS itself delivers as a string (`invokingEvent`,
 * API-form `configuration`, `AccessControlList`, `policyText`, `PipelineDefinition`), a payload field,
 * or an expected annotation.
 */
function unbreakable(line: string): boolean {
  const member = /^\s*"([^"]+)":\s*("(?:[^"\\]|\\.)*"),?$/.exec(line);
  if (!member) return false;
  if (PAYLOAD_KEYS.has(member[1]!) || VERBATIM_KEYS.has(member[1]!)) return true;
  const value: string = JSON.parse(member[2]!);
  if (BASE64.test(value)) return true;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object';
  } catch {
    return false;
  }
}

describe('fixture files', () => {
  it('finds the fixtures', () => expect(jsonFiles.length).toBeGreaterThan(300));

  it.each(jsonFiles.map((f) => [relative(FIXTURES_DIR, f), f]))(
    '%s is pretty-printed with short lines',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      // A template is kept as `cdk synth` or its author wrote it (the CDK's one-space indent), and a
      // documented EventBridge event as the AWS page prints it (one declares a key twice): short lines only.
      const verbatim = ['_templates', join('_tracking', 'events')].some((dir) =>
        relative(FIXTURES_DIR, file).startsWith(dir),
      );
      if (!verbatim) {
        expect(text, 'JSON.stringify(value, null, 2) plus a final newline').toBe(
          JSON.stringify(JSON.parse(text), null, 2) + '\n',
        );
      }
      const long = text
        .split('\n')
        .flatMap((line, i) => (line.length > MAX_LINE && !unbreakable(line) ? [`line ${i + 1}`] : []));
      expect(long, `lines over ${MAX_LINE} characters`).toEqual([]);
    },
  );

  it('keeps a Config change event only where the event is under test; otherwise the item is bare', () => {
    const plainChangeEvents = jsonFiles.filter((file) => {
      const name = file.split(/[/\\]/).pop()!;
      if (!isFixtureName(name) || relative(FIXTURES_DIR, file).startsWith('_')) return false;
      const value = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof value.invokingEvent !== 'string') return false;
      const invoking = JSON.parse(value.invokingEvent);
      // eventLeftScope arrives as a boolean, or as the string "true" (parseEvent reads both).
      const leftScope = value.eventLeftScope === true || value.eventLeftScope === 'true';
      return invoking.messageType === 'ConfigurationItemChangeNotification' && !leftScope;
    });
    expect(plainChangeEvents.map((f) => relative(FIXTURES_DIR, f))).toEqual([]);
  });
});

describe('unbreakable', () => {
  it('allows base64 and serialized JSON, nothing else', () => {
    expect(unbreakable(`    "Content": "${'IyEvYmluL2Jhc2gK'.repeat(20)}",`)).toBe(true);
    expect(unbreakable(`  "invokingEvent": ${JSON.stringify(JSON.stringify({ messageType: 'x'.repeat(300) }))},`)).toBe(
      true,
    );
    expect(unbreakable(`    "Content": "#!/bin/bash\\n${'echo plain text\\n'.repeat(20)}"`)).toBe(true);
    expect(unbreakable(`  "Description": "${'a long sentence, '.repeat(20)}"`)).toBe(false);
    expect(unbreakable(`  "Description": "{${'not JSON, '.repeat(30)}"`)).toBe(false);
    expect(unbreakable(`  "Tags": [${'{"Key": "a", "Value": "b"}, '.repeat(10)}]`)).toBe(false);
  });
});
