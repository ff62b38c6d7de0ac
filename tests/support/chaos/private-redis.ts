import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../spawn-service';

/**
 * A Redis of our own (redis-server on a free loopback port, AOF with `appendfsync always`, `noeviction`), so chaos runs
 * can shut it down and restart it without touching the machine's shared Redis on 6379 that other test
 * files use. Killed only by the pid we started, never by name.
 */
export class PrivateRedis {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'kw-chaos-redis-'));
  port = 0;
  private pid: number | null = null;
  restarts = 0;
  kills = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        '--logfile',
        path.join(this.dir, 'redis.log'),
      ],
      { stdio: 'ignore', detached: false },
    );
    this.pid = child.pid ?? null;
    child.unref();
    await this.waitUntil(true, 10_000);
    return this;
  }

  /** Graceful restart: SHUTDOWN (AOF flushed), down for `downMs`, then the same port and data again. */
  async restart(downMs: number): Promise<void> {
    await this.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
    this.restarts++;
  }

  /**
   * A crash: SIGKILL by the pid we started (no shutdown, no final AOF rewrite), down for `downMs`, then
   * the same port and data again. With `appendfsync always` every acknowledged write is on disk.
   */
  async kill(downMs: number): Promise<void> {
    if (this.pid === null) return;
    process.kill(this.pid, 'SIGKILL');
    await this.waitUntil(false, 10_000);
    this.pid = null;
    this.kills++;
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  async stop(): Promise<void> {
    if (this.pid === null) return;
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown'], { timeout: 5000 });
    await this.waitUntil(false, 10_000).catch(() => {
      // Did not go down gracefully: kill the process we started (by pid).
      if (this.pid !== null) process.kill(this.pid, 'SIGKILL');
    });
    this.pid = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntil(up: boolean, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const r = spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { timeout: 2000 });
      if ((r.stdout?.toString().includes('PONG') ?? false) === up) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`private Redis on ${this.port} did not ${up ? 'start' : 'stop'} within ${timeoutMs} ms`);
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  return new PrivateRedis().start();
}
