import { Router, type Response } from 'express';
import { selectActivities, selectDailySeriesRows } from '../../../../db/queries/exports';
import { toCsv } from '../../../dashboard/csv';
import type { Deps } from '../../../deps';
import { requireAthlete } from '../../middleware/require-auth';
import { declareRoute } from '../../surface/declare-route';

/** Every activity an athlete can have in one export (far above any real history). */
const EXPORT_ACTIVITY_LIMIT = 100_000;

function sendCsv(res: Response, filename: string, body: string): void {
  res
    .set('Content-Type', 'text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${filename}"`)
    .set('Cache-Control', 'private, no-store')
    .send(body);
}

/** The athlete's own data as CSV (RFC 4180, formula-guarded). Athlete only: coaches see, they do not download. */
export function exportRoutes(deps: Deps): Router {
  const router = Router();

  declareRoute(deps, router, 'get', '/api/me/export/daily-series.csv', async (req, res) => {
    const athlete = requireAthlete(req);
    const rows = await selectDailySeriesRows(deps.db, athlete.athleteId);
    const header = [
      'day',
      'load',
      'fitness_ctl',
      'fatigue_atl',
      'form_tsb',
      'ramp_7d',
      'load_spike_ratio',
      'monotony',
      'strain',
      'calibrating',
    ];
    sendCsv(
      res,
      'kneadwise-daily-series.csv',
      toCsv(
        header,
        rows.map((r) => [
          r.day,
          r.load,
          r.ctl,
          r.atl,
          r.tsb,
          r.ramp7,
          r.loadSpikeRatio,
          r.monotony,
          r.strain,
          r.calibrating,
        ]),
      ),
    );
  });

  declareRoute(deps, router, 'get', '/api/me/export/activities.csv', async (req, res) => {
    const athlete = requireAthlete(req);
    const rows = await selectActivities(deps.db, athlete.athleteId, { limit: EXPORT_ACTIVITY_LIMIT });
    const header = [
      'strava_activity_id',
      'name',
      'sport_type',
      'start_date_utc',
      'local_date',
      'moving_time_s',
      'distance_m',
      'elevation_gain_m',
      'average_heartrate_bpm',
      'average_power_w',
      'rpe',
      'load',
      'load_method',
      'confidence',
    ];
    const lines = rows.map((a) => [
      a.id,
      a.name,
      a.sportType,
      a.startDate.toISOString(),
      a.localDate,
      a.movingTimeS,
      a.distanceM,
      a.totalElevationGainM,
      a.averageHeartrateBpm,
      a.averagePowerW,
      a.rpe,
      a.load,
      a.method,
      a.confidence,
    ]);
    sendCsv(res, 'kneadwise-activities.csv', toCsv(header, lines));
  });

  return router;
}
