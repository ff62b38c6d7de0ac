import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, freePort, waitForStatus, type Spawned } from '../spawn-service';

export type Role = 'web' | 'worker';

interface Managed {
  name: string;
  role: Role;
  env: Record<string, string>;
  current: Spawned;
  /** Set right before we kill it ourselves, so the exit is not counted as a crash. */
  expectingExit: boolean;
  /** Output of every incarnation, for the no-crash invariant. */
  output: string[];
}

export interface UnexpectedExit {
  name: string;
  code: number | null;
  stderrTail: string;
}

/**
 * Runs the real service entry (services/main.ts --role=...) as child processes and plays the chaos
 * driver's part: SIGKILL a process by the pid we started and restart it, like a process manager would.
 * Every exit we did not cause is recorded as a crash (invariant I5).
 */
export class ServiceSupervisor {
  private readonly procs = new Map<string, Managed>();
  readonly unexpectedExits: UnexpectedExit[] = [];
  kills = 0;

  constructor(private readonly baseEnv: Record<string, string>) {}

  /** Starts a web process on a free port and waits for /healthz; returns its base URL. */
  async startWeb(name = 'web'): Promise<string> {
    const port = await freePort();
    this.launch(name, 'web', { PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    const status = await waitForStatus(`${url}/healthz`, 200, 60_000);
    if (status !== 200)
      throw new Error(`${name} did not become healthy:\n${this.outputOf(name).slice(-2000)}`);
    return url;
  }

  startWorker(name: string): void {
    this.launch(name, 'worker', {});
  }

  /** SIGKILL (no shutdown code runs), then start the same role again after `restartAfterMs`. */
  async killAndRestart(name: string, restartAfterMs = 500): Promise<void> {
    const m = this.get(name);
    m.expectingExit = true;
    m.current.child.kill('SIGKILL');
    await m.current.exited;
    this.kills++;
    await new Promise((r) => setTimeout(r, restartAfterMs));
    this.launch(name, m.role, m.env);
  }

  /** SIGTERM every process and wait (bounded) for it to exit; SIGKILL what is left. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.procs.values()].map(async (m) => {
        m.expectingExit = true;
        if (m.current.child.exitCode !== null || m.current.child.signalCode !== null) return;
        m.current.child.kill('SIGTERM');
        const done = await Promise.race([
          m.current.exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 15_000)),
        ]);
        if (!done) {
          m.current.child.kill('SIGKILL');
          await m.current.exited;
        }
      }),
    );
  }

  outputOf(name: string): string {
    const m = this.procs.get(name);
    if (!m) return '';
    return [...m.output, m.current.stdout() + m.current.stderr()].join('\n');
  }

  allOutput(): string {
    return [...this.procs.keys()].map((n) => this.outputOf(n)).join('\n');
  }

  private get(name: string): Managed {
    const m = this.procs.get(name);
    if (!m) throw new Error(`no process named ${name}`);
    return m;
  }

  private launch(name: string, role: Role, env: Record<string, string>): void {
    const previous = this.procs.get(name);
    const current = spawnService({ ...this.baseEnv, ...env }, role);
    const m: Managed = {
      name,
      role,
      env,
      current,
      expectingExit: false,
      output: previous ? [...previous.output, previous.current.stdout() + previous.current.stderr()] : [],
    };
    this.procs.set(name, m);
    void current.exited.then((code) => {
      if (m.current !== current || m.expectingExit) return;
      this.unexpectedExits.push({ name, code, stderrTail: current.stderr().slice(-1500) });
    });
  }
}

/**
 * Runs services/main.ts in ONE node process (`node --import tsx`). tests/support/spawn-service.ts goes
 * through tsx's CLI, which runs the program in a second, child node process: a SIGKILL then kills only
 * the CLI and leaves the real service running as an orphan, which is no kill at all.
 */
function spawnService(env: Record<string, string>, role: Role): Spawned {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'services/main.ts'), `--role=${role}`],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}
