import type { WebhookEvent, WorldTruth } from '../../../tools/strava-emulator';
import { eventKey, evaluateInvariants, type Expected, type Observed } from '../../support/chaos/invariants';

/**
 * "Checks that can fail": each chaos invariant is fed a crafted, consistent run (all pass), then the one
 * defect it guards against is injected into what the checker sees, and exactly that invariant must fail.
 */
const A = 101; // full access
const B = 102; // deauthorized by the world
const C = 103; // activity:read only: its private activities must not be stored

const truth = (): WorldTruth => ({
  athletes: [
    { id: A, scopes: ['read', 'activity:read_all'] },
    { id: B, scopes: null },
    { id: C, scopes: ['read', 'activity:read'] },
  ],
  activities: [
    { id: 1n, athleteId: A, name: 'Run', private: false, deleted: false, visible: true },
    { id: 2n, athleteId: A, name: 'Gone', private: false, deleted: true, visible: false },
    { id: 3n, athleteId: A, name: 'Mine', private: true, deleted: false, visible: true },
    { id: 4n, athleteId: B, name: 'Ride', private: false, deleted: false, visible: false },
    { id: 5n, athleteId: C, name: 'Hidden', private: true, deleted: false, visible: false },
    { id: 6n, athleteId: C, name: 'Open', private: false, deleted: false, visible: true },
  ],
  journal: [],
});

const ev = (id: number, aspect: WebhookEvent['aspect_type'], owner: number, t: number): WebhookEvent => ({
  aspect_type: aspect,
  event_time: t,
  object_id: BigInt(id),
  object_type: 'activity',
  owner_id: owner,
  subscription_id: 1,
  updates: {},
});

const ACKED = [
  ev(1, 'create', A, 10),
  ev(2, 'delete', A, 11),
  ev(3, 'create', A, 12),
  ev(6, 'create', C, 13),
];

function expected(): Expected {
  const derived = baseDerived();
  return {
    truth: truth(),
    connected: new Map([
      [A, ['read', 'activity:read_all']],
      [B, ['read', 'activity:read_all']],
      [C, ['read', 'activity:read']],
    ]),
    ackedEvents: [...ACKED, ACKED[0]!, ev(4, 'create', B, 14)],
    clean: derived,
    notifierWindowFaults: 0,
  };
}

function baseDerived() {
  return {
    metrics: new Map([
      ['1', '2026-07-01 55.123456789 hr_stream'],
      ['3', '2026-07-02 40.000000000 hr_stream'],
    ]),
    series: new Map([
      [`${A} 2026-07-01`, '55.1 1.3 7.8 -6.5'],
      [`${A} 2026-07-02`, '40 2.2 12.1 -9.9'],
    ]),
  };
}

function observed(): Observed {
  return {
    inbox: new Map(ACKED.map((e) => [eventKey(e), 'done'])),
    activities: new Map([
      ['1', { name: 'Run', private: false, ownerStravaId: A }],
      ['3', { name: 'Mine', private: true, ownerStravaId: A }],
      ['6', { name: 'Open', private: false, ownerStravaId: C }],
    ]),
    derived: baseDerived(),
    alertOutbox: new Map([['alert-1', 'sent']]),
    mails: [
      { key: 'alert-1', messageId: '<outbox-1@kw>' },
      { key: 'confirm-9', messageId: '<outbox-9@kw>' },
    ],
    leftovers: new Map([[B, []]]),
    unexpectedExits: [],
    unhandledErrorLines: 0,
  };
}

const failing = (o: Observed, x = expected()) =>
  evaluateInvariants(x, o)
    .filter((r) => !r.pass)
    .map((r) => r.id);

describe('chaos checker: every invariant can fail', () => {
  it('when the run is consistent with the world, then every invariant passes with 0 found', () => {
    const results = evaluateInvariants(expected(), observed());
    expect(results.map((r) => r.id)).toEqual([
      'I1',
      'I2a',
      'I2b',
      'I2c',
      'I3a',
      'I3b',
      'I3d',
      'I3c',
      'I4',
      'I5',
    ]);
    expect(results.filter((r) => !r.pass)).toEqual([]);
  });

  it('when a delete is skipped (a deleted activity is still stored), then I2a fails', () => {
    const o = observed();
    o.activities.set('2', { name: 'Gone', private: false, ownerStravaId: A });
    expect(failing(o)).toEqual(['I2a']);
  });

  it('when a private activity is stored without activity:read_all, then I2a fails', () => {
    const o = observed();
    o.activities.set('5', { name: 'Hidden', private: true, ownerStravaId: C });
    expect(failing(o)).toEqual(['I2a']);
  });

  it('when an activity the world holds was never stored, then I2b fails', () => {
    const o = observed();
    o.activities.delete('6');
    expect(failing(o)).toEqual(['I2b']);
  });

  it('when a rename or privacy change was not applied, then I2c fails', () => {
    const renamed = observed();
    renamed.activities.set('1', { name: 'Old title', private: false, ownerStravaId: A });
    expect(failing(renamed)).toEqual(['I2c']);
    const flipped = observed();
    flipped.activities.set('3', { name: 'Mine', private: false, ownerStravaId: A });
    expect(failing(flipped)).toEqual(['I2c']);
  });

  it('when an acked event is dropped (no inbox row) or never finished, then I1 fails', () => {
    const dropped = observed();
    dropped.inbox.delete(eventKey(ACKED[2]!));
    expect(failing(dropped)).toEqual(['I1']);
    for (const status of ['pending', 'enqueued', 'failed']) {
      const stuck = observed();
      stuck.inbox.set(eventKey(ACKED[1]!), status);
      expect(failing(stuck)).toEqual(['I1']);
    }
  });

  it('when one alert email arrives as a second, different message, then I3a fails with exactly 1 found (no allowance)', () => {
    const o = observed();
    o.mails.push({ key: 'alert-1', messageId: '<outbox-2@kw>' });
    const r = evaluateInvariants(expected(), o).find((x) => x.id === 'I3a')!;
    expect(r).toMatchObject({ pass: false, found: 1, expected: 0 });
    expect(failing(o)).toEqual(['I3a']);
  });

  it('when the same message is re-sent without a fault in the 250 -> commit window, then I3d fails; with one such fault it is counted and allowed', () => {
    const o = observed();
    o.mails.push({ key: 'alert-1', messageId: '<outbox-1@kw>' });
    expect(failing(o)).toEqual(['I3d']);
    const oneFault = { ...expected(), notifierWindowFaults: 1 };
    const r = evaluateInvariants(oneFault, o).find((x) => x.id === 'I3d')!;
    expect(r).toMatchObject({ pass: true, found: 1, expected: 1 });
  });

  it('when an alert email is never delivered, then I3b fails', () => {
    const notSent = observed();
    notSent.alertOutbox.set('alert-1', 'failed');
    expect(failing(notSent)).toEqual(['I3b']);
    const notReceived = observed();
    notReceived.mails = [{ key: 'confirm-9', messageId: '<outbox-9@kw>' }];
    expect(failing(notReceived)).toEqual(['I3b']);
  });

  it('when purge-then-recompute changes a stored derived number, then I3c fails', () => {
    const load = observed();
    load.derived.metrics.set('1', '2026-07-01 45.752469135 hr_avg');
    expect(failing(load)).toEqual(['I3c']);
    const day = observed();
    day.derived.series.set(`${A} 2026-07-02`, '40 2.2 12.1 -9.900000001');
    expect(failing(day)).toEqual(['I3c']);
    const extra = observed();
    extra.derived.series.set(`${A} 2026-07-03`, '0 2.1 10.4 -8.3');
    expect(failing(extra)).toEqual(['I3c']);
  });

  it('when the expected series would be taken from the stored rows, then I3c could not fail; the clean run differs', () => {
    const o = observed();
    o.derived.metrics.set('1', '2026-07-01 1 hr_avg');
    const selfCompared = { ...expected(), clean: o.derived };
    expect(failing(o, selfCompared)).toEqual([]);
    expect(failing(o)).toEqual(['I3c']);
  });

  it('when a deauthorized athlete keeps any row or job, then I4 fails', () => {
    const o = observed();
    o.leftovers.set(B, ['activity: 1', 'redis ingest jobs: 2']);
    expect(failing(o)).toEqual(['I4']);
    const inboxOnly = observed();
    inboxOnly.leftovers.set(B, ['webhook_inbox: 1']);
    expect(failing(inboxOnly)).toEqual(['I4']);
  });

  it('when a process exits unexpectedly or logs an unhandled rejection, then I5 fails', () => {
    const exited = observed();
    exited.unexpectedExits.push('worker-1 exited 1: boom');
    expect(failing(exited)).toEqual(['I5']);
    const unhandled = observed();
    unhandled.unhandledErrorLines = 1;
    expect(failing(unhandled)).toEqual(['I5']);
  });
});
