// Runs before each file of the unit tier. The tier's files share their process, one after another
// (`isolate: false` in vitest.config.ts), and a module loads once per process: what one file leaves
// in a module, on a class or in the environment, the next file finds. So each file starts here as
// it would in a process of its own, and a file that leaves a client class mocked, the environment
// changed or the working directory moved fails (after they are put back for the next file).
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';
import { clearCrossAccountCache } from '../../rules/_core/cross-account.js';
import { clearParsedParameterStrings } from '../../rules/_core/params.js';
import { clearMemberVersions } from '../../rules/_tracking/schema-versions.js';

// What a warm function keeps between runs, filled by an earlier file's STS and CloudFormation mocks:
// the credentials of each member role, and each member account's schema versions; and the
// parameter strings parsed so far, whose bound a test counts.
clearCrossAccountCache();
clearMemberVersions();
clearParsedParameterStrings();

const env = { ...process.env };
const cwd = process.cwd();

/**
 * The SDK client classes loaded so far whose `send` a test mocked: aws-sdk-client-mock's
 * `mockClient(Client)` puts a sinon stub, which has `restore`, on `Client.prototype`. The SDK's
 * packages load as CommonJS, so each client class is an export of a module in require.cache.
 */
function mockedClients(): { name: string; send: { restore(): void } }[] {
  const mocked: { name: string; send: { restore(): void } }[] = [];
  for (const [file, module] of Object.entries(createRequire(import.meta.url).cache)) {
    if (!/[/\\]@aws-sdk[/\\][^/\\]+[/\\]dist-cjs[/\\]/.test(file)) continue;
    for (const [name, value] of Object.entries(module?.exports ?? {})) {
      if (typeof value !== 'function' || !value.prototype || !Object.hasOwn(value.prototype, 'send')) continue;
      const send = value.prototype.send;
      // A class may be exported by more than one module: each mock once.
      if (typeof send?.restore === 'function' && !mocked.some((m) => m.send === send)) mocked.push({ name, send });
    }
  }
  return mocked;
}

afterAll(() => {
  const left: string[] = [];
  for (const client of mockedClients()) {
    client.send.restore();
    left.push(`${client.name} mocked (restore the mock in afterAll)`);
  }
  for (const key of new Set(Object.keys(env).concat(Object.keys(process.env)))) {
    if (process.env[key] === env[key]) continue;
    left.push(`process.env.${key} changed`);
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
  if (process.cwd() !== cwd) {
    left.push('the working directory changed');
    process.chdir(cwd);
  }
  // Put back above, so that the next file starts clean; failed here, so that this one is fixed.
  if (left.length > 0) throw new Error(`this file left for the next one in its process: ${left.join('; ')}`);
});
