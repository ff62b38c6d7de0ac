import { Router } from 'express';
import type { Deps } from '../../deps';
import { docsPageHtml } from '../surface/docs-page';
import { openApiDocument } from '../surface/openapi';
import { athleteRoutes } from './dashboard/athlete-routes';
import { coachRoutes } from './dashboard/coach-routes';
import { coachScopeRoutes } from './dashboard/coach-scope-routes';
import { consentRoutes } from './dashboard/consent-routes';
import { declareRoute } from '../surface/declare-route';
import { exportRoutes } from './dashboard/export-routes';
import { trainingSettingsRoutes } from './dashboard/training-settings-routes';

/**
 * JSON API behind the pages: consent and invites, coach overview, athlete data, CSV exports, and its
 * OpenAPI description and its page. Every route is declared in surface/route-table.ts and guarded accordingly.
 */
export function dashboardApiRoutes(deps: Deps): Router {
  const router = Router();
  router.use(consentRoutes(deps));
  router.use(coachScopeRoutes(deps));
  router.use(coachRoutes(deps));
  router.use(athleteRoutes(deps));
  router.use(exportRoutes(deps));
  router.use(trainingSettingsRoutes(deps));
  const doc = openApiDocument(deps.config.publicUrl);
  const docsPage = docsPageHtml();
  declareRoute(deps, router, 'get', '/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  declareRoute(deps, router, 'get', '/api/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  return router;
}
