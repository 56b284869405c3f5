// A real local AWS emulator for the integration tests: moto's server on a free loopback port,
// started by the test file that needs it and stopped after. The SDK reaches it through
// AWS_ENDPOINT_URL with dummy credentials, exactly as the command reaches AWS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  url: string;
  port: number;
  /** Environment for an SDK client (this process or a child) to talk to this emulator. */
  env: Record<string, string>;
  /** Forget every resource (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const motoInstalled = (): boolean =>
  spawnSync('sh', ['-c', 'command -v moto_server'], { stdio: 'ignore' }).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(`${url}/moto-api/data.json`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer on ${url} within 30 s: ${output()}`);
}

/** Start moto on a free loopback port; `accountId` sets the account every resource lives in. */
export async function startMoto(options: { accountId?: string } = {}): Promise<Moto> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...(options.accountId ? { MOTO_ACCOUNT_ID: options.accountId } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output = (output + d).slice(-2000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-2000)));
  // Never outlive the test process, even when it ends without afterAll.
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitUntilUp(url, child, () => output);
  return {
    url,
    port,
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      // moto answers an API it does not implement with HTTP 500: fail fast instead of retrying.
      AWS_MAX_ATTEMPTS: '2',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    async reset() {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Point this process's SDK clients at the emulator (the returned function restores the environment). */
export function useMotoEnv(moto: Moto): () => void {
  const saved = Object.fromEntries(Object.keys(moto.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, moto.env);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
