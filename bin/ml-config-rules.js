#!/usr/bin/env node
// The command runs the TypeScript sources directly (through tsx), so `npm ci` is the only setup.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
