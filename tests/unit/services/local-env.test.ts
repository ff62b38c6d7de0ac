import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../services/config';
import { appRoot, localEnvPath, readLocalEnv, withLocalEnv } from '../../../services/config/local-env';

describe('.env.local (where the setup step keeps the database password)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-local-env-'));
  const file = path.join(dir, '.env.local');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the file sets DATABASE_URL, then the config uses it unless the environment sets one', () => {
    writeFileSync(
      file,
      '# written by the setup step\nDATABASE_URL=postgres://kneadwise:s3cret@127.0.0.1:5432/kneadwise\n',
    );
    expect(loadConfig(withLocalEnv({}, file)).databaseUrl).toBe(
      'postgres://kneadwise:s3cret@127.0.0.1:5432/kneadwise',
    );
    const env = { DATABASE_URL: 'postgres://app@db.example:5432/kw' };
    expect(loadConfig(withLocalEnv(env, file)).databaseUrl).toBe('postgres://app@db.example:5432/kw');
  });

  it('when there is no file, then nothing is added', () => {
    expect(readLocalEnv(path.join(dir, 'missing'))).toEqual({});
    expect(withLocalEnv({ PORT: '1' }, path.join(dir, 'missing'))).toEqual({ PORT: '1' });
  });

  it('when KW_ENV_FILE is set, then that file is the local env file', () => {
    expect(localEnvPath({ KW_ENV_FILE: file })).toBe(file);
    expect(localEnvPath({})).toBe(path.resolve(__dirname, '../../..', '.env.local'));
  });

  it('when the code runs compiled from dist/, then the local env file is still the one at the root', () => {
    const root = path.resolve(__dirname, '../../..');
    expect(appRoot(path.join(root, 'dist', 'services', 'config'))).toBe(root);
    expect(appRoot(path.join(root, 'services', 'config'))).toBe(root);
  });
});
