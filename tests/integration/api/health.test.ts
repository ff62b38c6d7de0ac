import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

describe('operations endpoints', () => {
  it('when the process runs, then /healthz answers 200', async () => {
    const res = await request(buildApp(deps)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when PostgreSQL, Redis and the schema are fine, then /readyz answers 200 naming each check', async () => {
    const res = await request(buildApp(deps)).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks).toMatchObject({
      postgres: { ok: true },
      redis: { ok: true },
      schema: { ok: true },
    });
  });

  it('when the schema is behind this build, then /readyz answers 503 naming the schema', async () => {
    const { rows } = await deps.db.query(
      'delete from schema_migration where version = (select max(version) from schema_migration) returning version, name',
    );
    try {
      const res = await request(buildApp(deps)).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.schema.ok).toBe(false);
      expect(res.body.checks.schema.error).toMatch(/this build expects/);
      expect(res.body.checks.postgres.ok).toBe(true);
    } finally {
      await deps.db.query('insert into schema_migration (version, name) values ($1, $2)', [
        rows[0].version,
        rows[0].name,
      ]);
    }
  });

  it('when requests were served, then /metrics exposes latency by route and queue depths', async () => {
    const app = buildApp(deps);
    await request(app).get('/healthz');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/kneadwise_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    expect(res.text).toMatch(/kneadwise_queue_jobs\{queue="ingest",state="waiting"\} 0/);
    expect(res.text).toContain('kneadwise_jobs_total');
  });

  it('when a route does not exist, then the answer is a JSON 404 with a request id', async () => {
    const res = await request(buildApp(deps)).get('/nope').set('X-Request-Id', 'abc-123');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', requestId: 'abc-123' });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});
