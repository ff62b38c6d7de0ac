import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../../services/config/schema';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  profiles?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}

const root = path.resolve(__dirname, '../../..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const known = new Set(Object.keys(envSchema.shape));

describe('docker-compose.yml', () => {
  it('when parsed, then it has postgres, redis, mailpit, web and worker', () => {
    expect(Object.keys(services).sort()).toEqual(['mailpit', 'postgres', 'redis', 'web', 'worker']);
  });

  it('when parsed, then every service has a health check', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect({ name, test: svc.healthcheck?.test }).toEqual({ name, test: expect.anything() });
    }
  });

  it('when parsed, then redis runs with noeviction and persistence on', () => {
    const cmd = ([] as string[]).concat(services.redis!.command ?? []).join(' ');
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
    expect(cmd).toMatch(/--appendonly yes/);
  });

  it('when parsed, then web and worker are built from one Dockerfile with their roles', () => {
    expect(services.web!.build).toBe('.');
    expect(services.worker!.build).toBe('.');
    expect(services.web!.command).toContain('--role=web');
    expect(services.worker!.command).toContain('--role=worker');
    expect(services.web!.ports).toEqual(['3000:3000']);
  });

  it('when parsed, then mailpit (no authentication, shows every link) is demo-only and bound to loopback', () => {
    expect(services.mailpit!.profiles).toEqual(['demo']);
    expect(services.mailpit!.ports).toEqual(['127.0.0.1:8025:8025']);
    for (const name of ['web', 'worker'])
      expect(Object.keys(services[name]!.depends_on ?? {})).not.toContain('mailpit');
  });

  it('when the app services set variables, then each one exists in the config module', () => {
    for (const name of ['web', 'worker']) {
      const vars = Object.keys(services[name]!.environment ?? {});
      expect(vars.length).toBeGreaterThan(10);
      expect(vars.filter((v) => !known.has(v))).toEqual([]);
    }
  });

  it('when the app services start, then they wait for healthy dependencies and point at them', () => {
    expect(services.web!.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    const env = services.web!.environment!;
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.SMTP_URL).toMatch(/^\$\{SMTP_URL:\?/);
    expect(env.NODE_ENV).toBe('production');
  });
});
