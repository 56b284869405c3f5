import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../cli/paths.js';
import { changeEventFor, fixturesOf } from '../../cli/local/fixtures.js';

export const fixture = (...path: string[]): any => JSON.parse(readFileSync(join(FIXTURES_DIR, ...path), 'utf8'));
export const fixturePath = (...path: string[]): string => join(FIXTURES_DIR, ...path);

/**
 * A rule's fixture as the Lambda receives it: an event fixture as it is, a bare item wrapped in the
 * change event Config would send, carrying the parameters `_params.json` gives the fixture.
 */
export function fixtureEvent(ruleId: string, file: string): any {
  const value = fixture(ruleId, file);
  if ('invokingEvent' in value) return value;
  const params = fixturesOf(FIXTURES_DIR, ruleId).find((f) => f.file === file)?.params ?? {};
  return changeEventFor(value, ruleId, params);
}
