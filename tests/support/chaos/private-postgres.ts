import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../spawn-service';

/** Newest installed PostgreSQL server binaries (Debian layout). */
function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions)
    if (existsSync(path.join(root, v, 'bin', 'pg_ctl'))) return path.join(root, v, 'bin');
  return null;
}

/** Why a private cluster cannot run here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!pgBin())
    return 'PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql';
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0)
    return 'running as root but there is no "postgres" user to run initdb/pg_ctl as';
  return null;
}

/**
 * A throwaway PostgreSQL cluster (initdb, trust auth, a free loopback port, its socket in its own temp dir)
 * that chaos runs may stop, crash and restart, so the machine's shared PostgreSQL on 5432, which other test
 * files use at the same time, is never touched. initdb and pg_ctl refuse to run as root, so as root they
 * run as the `postgres` user (runuser).
 */
export class PrivatePostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'kw-chaos-pg-'));
  port = 0;
  private readonly bin = pgBin() ?? '';

  /**
   * `trust` everywhere (default), or `password`: TCP asks for a scram-sha-256 password, as Debian's
   * packaged PostgreSQL does; the Unix socket uses peer auth as root (runuser -u postgres), else trust.
   */
  constructor(private readonly auth: 'trust' | 'password' = 'trust') {}

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<this> {
    const why = privatePostgresUnavailable();
    if (why) throw new Error(`cannot run a private PostgreSQL: ${why}`);
    chmodSync(this.dir, 0o777);
    this.port = await freePort();
    await this.run('initdb', [
      '-D',
      this.data,
      ...this.authArgs(),
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await this.start();
    return this;
  }

  get hbaFile(): string {
    return path.join(this.data, 'pg_hba.conf');
  }

  /** Starts the cluster (`pg_ctl -w` waits until it accepts connections). */
  async start(): Promise<void> {
    await this.run('pg_ctl', this.startArgs());
  }

  /** The command line that starts the cluster, for scripts that stand in for Debian's pg_ctlcluster. */
  startCommand(): string[] {
    const exe = path.join(this.bin, 'pg_ctl');
    const asRoot = process.getuid?.() === 0;
    return asRoot
      ? ['runuser', '-u', 'postgres', '--', exe, ...this.startArgs()]
      : [exe, ...this.startArgs()];
  }

  private startArgs(): string[] {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    return ['-D', this.data, '-o', opts, '-l', path.join(this.dir, 'pg.log'), '-w', 'start'];
  }

  private authArgs(): string[] {
    if (this.auth === 'trust') return ['-A', 'trust'];
    // initdb refuses password auth without a superuser password; nobody needs to know it.
    const pwfile = path.join(this.dir, 'superuser-password');
    writeFileSync(pwfile, `${randomUUID()}\n`, { mode: 0o644 });
    const local = process.getuid?.() === 0 ? 'peer' : 'trust';
    return ['--auth-host=scram-sha-256', `--auth-local=${local}`, `--pwfile=${pwfile}`];
  }

  /** `pg_ctl stop -m immediate` (a crash: no checkpoint) or `fast` (clean, kills sessions). */
  async stop(mode: 'immediate' | 'fast' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop'], true);
  }

  async restart(mode: 'immediate' | 'fast', downMs: number): Promise<void> {
    await this.stop(mode);
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  async destroy(): Promise<void> {
    if (existsSync(path.join(this.data, 'postmaster.pid'))) await this.stop('immediate');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  /** Runs a server tool without blocking the event loop (the emulator and SMTP sink share this process). */
  private run(tool: string, args: string[], tolerateFailure = false): Promise<void> {
    const exe = path.join(this.bin, tool);
    const [file, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    return new Promise((resolve, reject) => {
      execFile(file, argv, { timeout: 60_000 }, (err, stdout, stderr) => {
        if (err && !tolerateFailure) reject(new Error(`${tool} failed: ${stderr || stdout || err.message}`));
        else resolve();
      });
    });
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  return new PrivatePostgres().init();
}
