import { randomBytes } from 'node:crypto';
import { withTransaction } from '../../db/pool';
import { findAthleteByStravaId } from '../../db/queries/athletes';
import { grantConsent } from '../../db/queries/coach-links';
import { confirmEmail, setPendingEmail } from '../../db/queries/email-addresses';
import { saveNotificationPrefs, setCoachAlertsOptIn } from '../../db/queries/notification-prefs';
import { insertCoach } from '../../db/queries/users';
import { hashPassword } from '../../services/accounts/password-hash';
import { consentTextFor } from '../../services/dashboard/consent-text';
import type { Deps } from '../../services/deps';
import { notificationPrefsSchema } from '../../services/notify/preferences';
import type { EmulatedAthlete } from '../strava-emulator';
import { connectAthleteOverHttp } from './connect-athlete';

export const DEMO_COACH_EMAIL = 'demo-coach@kneadwise.local';
const DEMO_COACH_NAME = 'Demo Coach';

export interface SeededAthlete {
  athleteId: string;
  stravaAthleteId: number;
  name: string;
  profile: string;
  email: string;
}

export interface DemoSeed {
  athletes: SeededAthlete[];
  coach: { email: string; password: string };
}

/**
 * Gives a freshly connected athlete a confirmed demo address (as if they had clicked the confirmation
 * link) and turns quiet hours off, so alert emails reach the mail catcher whatever the hour is in the
 * athlete's time zone. The other delivery preferences keep their defaults.
 */
async function prepareAthlete(deps: Deps, a: EmulatedAthlete): Promise<SeededAthlete> {
  const row = await findAthleteByStravaId(deps.db, String(a.id));
  if (!row?.userId) throw new Error(`athlete ${a.id} was not stored by the OAuth callback`);
  const email = `${a.profile}@demo.kneadwise.local`;
  const now = new Date(deps.clock());
  await setPendingEmail(deps.db, row.userId, email, now);
  if (!(await confirmEmail(deps.db, row.userId, email, now))) throw new Error(`could not confirm ${email}`);
  await saveNotificationPrefs(deps.db, row.id, notificationPrefsSchema.parse({ quietHours: null }));
  return {
    athleteId: row.id,
    stravaAthleteId: a.id,
    name: `${a.firstname} ${a.lastname}`,
    profile: a.profile,
    email,
  };
}

/** The demo coach with a confirmed address, consent from every demo athlete (stored text) and alert copies on. */
async function createCoach(deps: Deps, athletes: SeededAthlete[]): Promise<DemoSeed['coach']> {
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  // Created directly, not through sign-up: the demo coach's address is confirmed without an email.
  const coach = await insertCoach(deps.db, {
    email: DEMO_COACH_EMAIL,
    displayName: DEMO_COACH_NAME,
    passwordHash: await hashPassword(password),
  });
  if (!coach) throw new Error(`demo coach ${DEMO_COACH_EMAIL} already exists`);
  const now = new Date(deps.clock());
  await confirmEmail(deps.db, coach.id, DEMO_COACH_EMAIL, now);
  for (const a of athletes) {
    await withTransaction(deps.db, async (tx) => {
      await grantConsent(tx, {
        coachUserId: coach.id,
        athleteId: a.athleteId,
        consentText: consentTextFor(DEMO_COACH_NAME),
        inviteId: null,
        now,
      });
      await setCoachAlertsOptIn(tx, coach.id, a.athleteId, true);
    });
  }
  return { email: DEMO_COACH_EMAIL, password };
}

/**
 * Seeds a fresh demo database: connects every emulated athlete through the real OAuth flow over HTTP
 * (which queues their history import), confirms their demo addresses, and creates the demo coach with
 * their consent. Run it before the workers start, so the first alert evaluation already sees the
 * addresses. Not idempotent (the coach sign-up conflicts): the demo resets its database first.
 */
export async function seedDemo(deps: Deps, appUrl: string, athletes: EmulatedAthlete[]): Promise<DemoSeed> {
  const seeded: SeededAthlete[] = [];
  for (const a of athletes) {
    await connectAthleteOverHttp(appUrl, a.id);
    seeded.push(await prepareAthlete(deps, a));
  }
  return { athletes: seeded, coach: await createCoach(deps, seeded) };
}
