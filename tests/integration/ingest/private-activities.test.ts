import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { coachActor, linkCoach, sessionFor, type Actor } from '../dashboard/support/world';
import { createIngestWorld, queuesIdle, waitFor, type IngestWorld } from './ingest-world';

jest.setTimeout(60_000);

/**
 * Issue 14 part 5, end to end: the athlete makes an activity "Only you" on Strava (the emulator), Strava's
 * update event arrives at our webhook, the sync re-reads the activity, and the coach no longer sees it,
 * while the athlete still does; switching it back shows it again. No database shortcut in between.
 */
describe('a privacy change on Strava reaches the coach view on the next event', () => {
  let w: IngestWorld;
  let app: ReturnType<typeof buildApp>;
  let stravaId: number;
  let athlete: Actor;
  let coach: Actor;
  beforeAll(async () => {
    w = await createIngestWorld({ listen: true });
    await w.subscribe();
    app = buildApp(w.deps);
    stravaId = w.emu.control.createAthlete({ profile: 'triathlete', seed: 14 }).id;
    const athleteId = await w.connect(stravaId);
    const { rows } = await w.deps.db.query<{ user_id: string }>('select user_id from athlete where id = $1', [
      athleteId,
    ]);
    athlete = await sessionFor(w.deps, { userId: rows[0]!.user_id, role: 'athlete', athleteId });
    coach = await coachActor(app, 'Flip Coach', w.deps);
    await linkCoach(w.deps, coach.userId, athleteId);
    await w.startWorkers(['ingest']);
  });
  afterAll(() => w.close());

  const settle = async () => {
    await w.emu.control.flushDeliveries();
    await waitFor('ingest idle', async () => {
      const { rows } = await w.deps.db.query<{ n: number }>(
        `select count(*)::int as n from webhook_inbox where status not in ('done', 'dropped')`,
      );
      return rows[0]!.n === 0 && (await queuesIdle(w.deps, ['ingest']));
    });
  };
  const listedFor = async (who: Actor): Promise<string[]> => {
    const res = await request(app)
      .get(`/api/athletes/${athlete.athleteId}/activities?limit=100`)
      .set('Cookie', who.cookie);
    expect(res.status).toBe(200);
    return res.body.activities.map((a: { id: string }) => a.id);
  };
  const stored = async (id: bigint) =>
    (
      await w.deps.db.query<{ private: boolean; visibility: string | null }>(
        'select private, visibility from activity where id = $1',
        [id.toString()],
      )
    ).rows[0];

  it('when the athlete switches an activity to "Only you" and back, then the coach stops and starts seeing it with the next event', async () => {
    const id = w.emu.control.addActivity(stravaId, { kind: 'easy-run', durationS: 1800 });
    await settle();
    expect(await stored(id)).toEqual({ private: false, visibility: 'everyone' });
    expect(await listedFor(coach)).toContain(id.toString());

    w.emu.control.updateActivity(id, { private: true });
    await settle();
    expect(await stored(id)).toEqual({ private: true, visibility: 'only_me' });
    expect(await listedFor(coach)).not.toContain(id.toString());
    expect(await listedFor(athlete)).toContain(id.toString());

    w.emu.control.updateActivity(id, { private: false });
    await settle();
    expect(await stored(id)).toEqual({ private: false, visibility: 'everyone' });
    expect(await listedFor(coach)).toContain(id.toString());
  });
});
