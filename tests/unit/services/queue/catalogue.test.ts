import { JOBS, QUEUE_NAMES, REPEATABLE_JOBS, type JobName } from '../../../../services/queue/catalogue';
import { jobRunner } from '../../../../workers/job-runners';

const names = Object.keys(JOBS) as JobName[];

describe('job catalogue', () => {
  it.each(names)('when the dispatcher looks up %s, then the static runner map has its run()', (name) => {
    expect(typeof jobRunner(name)).toBe('function');
  });

  it('when job ids are derived, then none contains ":" or is all digits (BullMQ rules)', () => {
    const samples: Record<string, unknown> = {
      inboxId: '9007199254740993',
      athleteId: '0b0c2d3e-1111-4222-8333-944455556666',
      activityId: '12345678901234567890',
      outboxId: '42',
      reason: 'webhook',
      fromDate: '2026-06-01',
      recomputeActivities: false,
      windowId: '2026-06-01t00',
    };
    for (const name of names) {
      const spec = JOBS[name];
      const shape = (spec.schema as unknown as { shape: Record<string, unknown> }).shape;
      const data = Object.fromEntries(Object.keys(shape).map((k) => [k, samples[k]]));
      if (name === 'delete-athlete') data.reason = 'disconnect';
      const id = (spec.jobId as (d: unknown) => string)(spec.schema.parse(data));
      expect({ name, id }).toEqual({ name, id: expect.not.stringMatching(/:|^\d+$/) });
      expect(QUEUE_NAMES).toContain(spec.queue);
    }
  });

  it('when a payload is malformed, then the schema rejects it', () => {
    expect(
      JOBS['sync-activity'].schema.safeParse({ athleteId: 'x', activityId: '1.5', reason: 'webhook' })
        .success,
    ).toBe(false);
    expect(
      JOBS['recompute-athlete'].schema.safeParse({
        athleteId: '0b0c2d3e-1111-4222-8333-944455556666',
        fromDate: '2026-13-01',
      }).success,
    ).toBe(false);
  });

  it('when repeatable jobs are scheduled, then each is in the catalogue', () => {
    for (const r of REPEATABLE_JOBS) expect(names).toContain(r.name);
  });
});
