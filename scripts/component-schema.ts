// `npm run schema`: the Pulumi package schema of the MlConfigRules component, as Pulumi's own
// component provider derives it from provider/index.ts (the schema `pulumi package add` generates
// SDKs from), written to provider/schema.json. A test regenerates it and compares.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentProvider } from '@pulumi/pulumi/provider/experimental/index.js';
import { MlConfigRules } from '../deploy/component.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const PROVIDER_DIR = join(ROOT, 'provider');
export const SCHEMA_FILE = join(PROVIDER_DIR, 'schema.json');
export const PACKAGE_NAME = 'ml-config-rules';

export const componentProvider = () =>
  new ComponentProvider({ components: [MlConfigRules], name: PACKAGE_NAME, dirname: PROVIDER_DIR });

/** The schema as JSON text, indented as the checked-in file is (from this provider, which keeps it). */
export async function componentSchema(provider = componentProvider()): Promise<string> {
  return `${JSON.stringify(JSON.parse(await provider.getSchema()), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await componentSchema());
  console.log(`wrote ${SCHEMA_FILE.slice(ROOT.length + 1)}`);
}
