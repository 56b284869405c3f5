import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../cli/paths.js';

export const fixture = (...path: string[]): any => JSON.parse(readFileSync(join(FIXTURES_DIR, ...path), 'utf8'));
export const fixturePath = (...path: string[]): string => join(FIXTURES_DIR, ...path);
