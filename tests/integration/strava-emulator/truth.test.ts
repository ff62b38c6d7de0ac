import { connect, startEmulator, type Running } from './helpers';

describe('strava emulator: ground truth for checkers', () => {
  let r: Running;
  beforeEach(async () => {
    r = await startEmulator({});
  });
  afterEach(() => r.emu.stop());

  it('when activities are deleted, made private and an athlete revokes the app, then truth() keeps all of it and says what an app may hold', async () => {
    const full = r.emu.control.createAthlete({ profile: 'marathoner', seed: 1 }).id;
    const limited = r.emu.control.createAthlete({ profile: 'marathoner', seed: 2 }).id;
    const leaving = r.emu.control.createAthlete({ profile: 'marathoner', seed: 3 }).id;
    await connect(r, full);
    await connect(r, limited, ['read', 'activity:read']);
    await connect(r, leaving);
    const [kept, deleted, hidden] = [1, 2, 3].map(() => r.emu.control.addActivity(full));
    const limitedPrivate = r.emu.control.addActivity(limited);
    const gone = r.emu.control.addActivity(leaving);
    r.emu.control.deleteActivity(deleted!);
    r.emu.control.updateActivity(hidden!, { private: true, name: 'Only me' });
    r.emu.control.updateActivity(limitedPrivate, { private: true });
    r.emu.control.deauthorize(leaving);

    const truth = r.emu.control.truth();
    expect(r.emu.control.activities(full).map((a) => a.plan.id)).not.toContain(deleted);
    const byId = new Map(truth.activities.map((a) => [a.id, a]));
    expect(byId.get(kept!)).toMatchObject({ deleted: false, visible: true });
    expect(byId.get(deleted!)).toMatchObject({ deleted: true, visible: false });
    expect(byId.get(hidden!)).toMatchObject({ private: true, name: 'Only me', visible: true });
    expect(byId.get(limitedPrivate)).toMatchObject({ private: true, visible: false });
    expect(byId.get(gone)).toMatchObject({ deleted: false, visible: false });
    expect(truth.athletes.find((a) => a.id === leaving)?.scopes).toBeNull();
    expect(truth.journal.map((e) => e.kind)).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
      'delete',
      'privacy',
      'rename',
      'privacy',
      'deauthorize',
    ]);
  });
});
