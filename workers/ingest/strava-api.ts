import type { Deps } from '../../services/deps';
import type { StravaApi } from '../../services/strava/api';

const cache = new WeakMap<Deps, StravaApi>();

/**
 * The StravaApi the ingest jobs use: `deps.strava` when the process entry built one, otherwise the real
 * client (services/strava/client.ts) created once per Deps, so tests talk to the emulator over HTTP.
 */
export function stravaApiFor(deps: Deps): StravaApi {
  const given = (deps as Deps & { strava?: StravaApi }).strava;
  if (given) return given;
  let api = cache.get(deps);
  if (!api) {
    // Loaded lazily: the web process never needs the client, and jobs load only what they run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../services/strava/client') as { createStravaApi: (d: Deps) => StravaApi };
    api = mod.createStravaApi(deps);
    cache.set(deps, api);
  }
  return api;
}
