import type { DemoSeed } from './seed-demo';

export interface DemoUrls {
  app: string;
  stravaAuthorize: string;
  emulator: string;
  mail: string;
  metrics: string;
}

/** The short text printed once the demo is up: where to click, how to sign in, what runs. */
export function formatBanner(urls: DemoUrls, seed: DemoSeed, feedIntervalS: number): string {
  const athletes = seed.athletes.map((a) => `    ${a.name.padEnd(20)} ${a.profile.padEnd(13)} ${a.email}`);
  const feed =
    feedIntervalS > 0
      ? `Live feed:  every ${feedIntervalS} s a random athlete uploads an activity (Strava webhook -> Kneadwise)`
      : 'Live feed:  off';
  return [
    '',
    'Kneadwise demo is running (simulated data; every number is an estimate, not a diagnosis).',
    '',
    `  App:             ${urls.app}`,
    `    Coach sign-in: ${urls.app}/login`,
    `      email:       ${seed.coach.email}`,
    `      password:    ${seed.coach.password}`,
    `  Mail catcher:    ${urls.mail}   (every email Kneadwise sends)`,
    `  Athlete sign-in: ${urls.stravaAuthorize}`,
    '                   ("Connect with Strava": the emulator\'s authorize page lists every emulated athlete)',
    `  Strava emulator: ${urls.emulator}/_emulator/state`,
    `  Metrics:         ${urls.metrics}`,
    '',
    '  Connected athletes (their history imports as soon as the emulator has generated it):',
    ...athletes,
    '',
    `  ${feed}`,
    '',
    'Press Ctrl-C to stop. The next run starts from a fresh demo database.',
    '',
  ].join('\n');
}
