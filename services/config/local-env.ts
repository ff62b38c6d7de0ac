import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The directory holding package.json, found upwards from `from`: the repository (or image) root whether
 * this file runs from the source tree (services/config) or compiled (dist/services/config), where a fixed
 * `../..` would land in dist/.
 */
export function appRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}

/**
 * `.env.local` at the repository root (KW_ENV_FILE moves it): local, git-ignored settings. The setup step
 * (scripts/ensure-services.sh) writes the kneadwise PostgreSQL role's password there as DATABASE_URL.
 */
export function localEnvPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.KW_ENV_FILE ?? path.join(appRoot(), '.env.local');
}

/** The variables of the local env file; none when it does not exist. */
export function readLocalEnv(file: string = localEnvPath()): Record<string, string> {
  if (!existsSync(file)) return {};
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => e[1] !== undefined));
}

/** `env` over the local env file: a variable set in the environment always wins. */
export function withLocalEnv(
  env: NodeJS.ProcessEnv = process.env,
  file: string = localEnvPath(env),
): NodeJS.ProcessEnv {
  return { ...readLocalEnv(file), ...env };
}
