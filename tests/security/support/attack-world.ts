import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { cookieOf } from '../../integration/dashboard/support/world';

/** The app under attack: its own database and queue prefix, real PostgreSQL and Redis. */
export interface AttackWorld {
  deps: TestDeps;
  app: Express;
  close: () => Promise<void>;
}

export async function startAttackWorld(env: Record<string, string> = {}): Promise<AttackWorld> {
  const deps = await createTestDeps(env);
  return { deps, app: buildApp(deps), close: () => deps.close() };
}

/** A fresh browser: its session cookie and CSRF token (as the pages get them). */
export async function anonymousBrowser(app: Express, headers: Record<string, string> = {}) {
  const agent = request.agent(app);
  const s = await agent.get('/api/session').set(headers);
  return { agent, csrf: s.body.csrfToken as string, cookie: cookieOf(s.headers['set-cookie']) };
}

export async function countRows(deps: TestDeps, table: string): Promise<number> {
  const { rows } = await deps.db.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
  return rows[0]!.n;
}
