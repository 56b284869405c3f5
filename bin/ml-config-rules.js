#!/usr/bin/env node
// The command. An installed package runs its compiled JavaScript (lib/cli.js, built by
// `npm run build:package` before packing); a clone of the repository, which holds the TypeScript
// sources, runs them directly through tsx (a development dependency), so an edit takes effect
// with no build step and a stale build is never run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The SDK warns on every run under Node 20 (it will require Node 22 from 2027); the command's
// stderr is kept for its own one-line messages. Set the variable to "false" to see the warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const sources = new URL('../cli/main.ts', import.meta.url);
if (existsSync(fileURLToPath(sources))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../lib/cli.js');
}
