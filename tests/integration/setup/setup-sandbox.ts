import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../support/spawn-service';

/**
 * A sandbox for scripts/ensure-services.sh: its own .env.local, Redis directory and fake commands, so the
 * script runs against private servers on other ports and never against the machine's own PostgreSQL
 * (5432) or Redis (6379), which other test runs use at the same time.
 */
export class SetupSandbox {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'kw-setup-'));
  readonly envFile = path.join(this.dir, '.env.local');
  /** Commands standing in for Debian's (pg_lsclusters, pg_ctlcluster, apt-get, id), before PATH. */
  readonly fakeBin = path.join(this.dir, 'fake-bin');
  readonly callsLog = path.join(this.dir, 'calls.log');

  constructor() {
    mkdirSync(this.fakeBin);
    writeFileSync(this.callsLog, '');
  }

  /** A fake command that appends `name args` to callsLog, then runs `body` (bash). */
  fake(name: string, body = 'true'): void {
    const file = path.join(this.fakeBin, name);
    writeFileSync(file, `#!/bin/bash\necho "${name} $*" >> ${this.callsLog}\n${body}\n`);
    chmodSync(file, 0o755);
  }

  calls(): string[] {
    return readFileSync(this.callsLog, 'utf8').split('\n').filter(Boolean);
  }

  /**
   * A PATH with only the basic tools the script needs, none of PostgreSQL, Redis or apt: a machine where
   * neither is installed.
   */
  barePath(): string {
    const bare = path.join(this.dir, 'bare-bin');
    mkdirSync(bare, { recursive: true });
    const tools = ['bash', 'dirname', 'sed', 'grep', 'seq', 'sleep', 'tail', 'sort', 'awk', 'mkdir', 'cat'];
    for (const tool of [...tools, 'tr', 'od', 'mktemp', 'cmp', 'chmod', 'mv', 'rm', 'env']) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found && !existsSync(path.join(bare, tool))) symlinkSync(found, path.join(bare, tool));
    }
    return `${this.fakeBin}:${bare}`;
  }

  /**
   * Runs the script (or `command`) with the sandbox's env file and `env` on top of this process's
   * environment.
   */
  run(
    env: Record<string, string>,
    command = ['bash', path.join(ROOT, 'scripts/ensure-services.sh')],
  ): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        command[0] ?? 'bash',
        command.slice(1),
        {
          cwd: ROOT,
          env: { ...process.env, KW_ENV_FILE: this.envFile, ...env },
          timeout: 120_000,
        },
        (err, _stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stderr });
        },
      );
    });
  }
}

export const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Quotes a command line for a bash script (the arguments here hold no single quotes). */
export const shellLine = (argv: string[]): string => argv.map((a) => `'${a}'`).join(' ');
