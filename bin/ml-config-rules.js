#!/usr/bin/env node
// The command runs the TypeScript sources directly (through tsx), so `npm ci` is the only setup.
import { register } from 'tsx/esm/api';

// The SDK warns on every run under Node 20 (it will require Node 22 from 2027); the command's
// stderr is kept for its own one-line messages. Set the variable to "false" to see the warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../cli/main.ts');
