import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import express from 'express';
import { loadConfig } from '../../services/config';
import { startAttackWorld, type AttackWorld } from './support/attack-world';

const METRICS_TOKEN = randomBytes(32).toString('base64url');
/** Production settings with real (random) secrets: what an operator deploys. */
const production = () => ({
  NODE_ENV: 'production',
  STRAVA_CLIENT_ID: '4242',
  STRAVA_CLIENT_SECRET: randomBytes(20).toString('hex'),
  STRAVA_VERIFY_TOKEN: randomBytes(16).toString('hex'),
  TOKEN_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
  SESSION_SECRET: randomBytes(32).toString('hex'),
});

/** An address of this machine that is not loopback (falls back to loopback on a machine without one). */
function proxyHost(): string {
  const v4 = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return v4?.address ?? '127.0.0.1';
}

let w: AttackWorld;
let prod: AttackWorld;
beforeAll(async () => {
  w = await startAttackWorld({ METRICS_TOKEN, TRUST_PROXY: '1' });
  prod = await startAttackWorld(production());
});
afterAll(async () => {
  await w.close();
  await prod.close();
});

describe('ASVS-15.1 Mailpit published to the network', () => {
  const compose = parse(readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, { profiles?: string[]; ports?: string[]; environment?: Record<string, string> }>;
  };

  it('when someone on the network opens port 8025, then there is nothing: Mailpit is demo-only and on loopback', () => {
    const mailpit = compose.services.mailpit!;
    expect(mailpit.profiles).toEqual(['demo']);
    for (const port of mailpit.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('when the production compose starts, then the app mails through the configured SMTP server, not Mailpit', () => {
    for (const name of ['web', 'worker']) {
      expect(compose.services[name]!.environment!.SMTP_URL).toMatch(/^\$\{SMTP_URL:\?/);
    }
  });
});

describe('ASVS-15.8 public metrics and readiness details', () => {
  it('when /metrics is fetched without the token or with a wrong one, then 401; with it, the metrics', async () => {
    expect((await request(w.app).get('/metrics')).status).toBe(401);
    expect((await request(w.app).get('/metrics').set('Authorization', 'Bearer wrong-token')).status).toBe(
      401,
    );
    const ok = await request(w.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('kneadwise_http_request_duration_seconds');
  });

  it('when production runs without METRICS_TOKEN, then /metrics is refused', async () => {
    expect((await request(prod.app).get('/metrics')).status).toBe(401);
  });

  it('when the public asks /readyz, then it learns ready or not ready and nothing else; the operator gets the checks', async () => {
    const pub = await request(w.app).get('/readyz');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ status: 'ready' });
    expect((await request(prod.app).get('/readyz')).body).toEqual({ status: 'ready' });
    const op = await request(w.app).get('/readyz').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(op.body.checks).toMatchObject({
      postgres: { ok: true },
      redis: { ok: true },
      schema: { ok: true },
    });
  });
});

describe('ASVS-15.11 trust proxy hard-coded', () => {
  it('when behind one proxy on another host (TRUST_PROXY=1), then each client has its own rate-limit bucket', async () => {
    // The proxy is this machine's own non-loopback address (as a proxy container would be): with
    // `trust proxy` hard-coded to loopback, every client behind it shared the proxy's bucket.
    const server = http.createServer(w.app).listen(0, '0.0.0.0');
    await new Promise((ok) => server.once('listening', ok));
    try {
      const base = `http://${proxyHost()}:${(server.address() as AddressInfo).port}`;
      const browser = async (ip: string) => {
        const agent = request.agent(base);
        const csrf = (await agent.get('/api/session').set('X-Forwarded-For', ip)).body.csrfToken as string;
        return (i: number) =>
          agent
            .post('/api/password-resets')
            .set('X-Forwarded-For', ip)
            .set('X-CSRF-Token', csrf)
            .send({ email: `nobody-${i}@example.test` });
      };
      const a = await browser('203.0.113.7');
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await a(i)).status);
      expect(statuses.at(-1)).toBe(429);
      const b = await browser('198.51.100.9');
      expect((await b(99)).status).toBe(202);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('when TRUST_PROXY names a proxy network, then addresses in it are trusted and others are not; "trust everyone" is refused', () => {
    const trusts = (spec: string, addr: string) => {
      const cfg = loadConfig({ NODE_ENV: 'test', TRUST_PROXY: spec });
      const app = express().set('trust proxy', cfg.trustProxy);
      return (app.get('trust proxy fn') as (a: string, i: number) => boolean)(addr, 0);
    };
    expect(trusts('loopback', '10.1.2.3')).toBe(false);
    expect(trusts('10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(trusts('10.0.0.0/8', '192.0.2.1')).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
