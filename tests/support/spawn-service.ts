import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Runs a TypeScript entry point of ours as a real child process with exactly `env` on top of PATH.
 * `node --import tsx` keeps it ONE process (the tsx CLI would run the service in a grandchild), so a
 * signal sent to `child` reaches the service itself, SIGKILL included. Tests run the source under test
 * this way (no build step before every test run); tests/integration/process/compiled.test.ts runs the
 * compiled dist/ as production does.
 */
export function spawnTs(entry: string, env: Record<string, string>, args: string[] = []): Spawned {
  return spawnNode(['--import', 'tsx', path.join(ROOT, entry)], env, args);
}

/** `node <nodeArgs...> <args...>` as a child process with exactly `env` on top of PATH. */
export function spawnNode(nodeArgs: string[], env: Record<string, string>, args: string[] = []): Spawned {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Polls `url` until it answers `status` or `timeoutMs` passes; returns the last status seen. */
export async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (last === status) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}
