import express from 'express';
import helmet from 'helmet';
import type { Deps } from '../deps';
import { csrfProtection } from './middleware/csrf';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { requestContext } from './middleware/request-context';
import { sessionMiddleware } from './middleware/session';
import { accountsRoutes } from './routes/accounts';
import { coachSettingsRoutes } from './routes/coach-settings';
import { dashboardApiRoutes } from './routes/dashboard-api';
import { emailLinksRoutes } from './routes/email-links';
import { healthRoutes } from './routes/health';
import { notificationSettingsRoutes } from './routes/notification-settings';
import { pagesRoutes } from './routes/pages';
import { stravaAuthRoutes } from './routes/strava-auth';
import { stravaWebhookRoutes } from './routes/strava-webhook';

/**
 * Body size limit of browser forms and JSON API calls. The one body parser setup of the app (JSON and
 * urlencoded forms, below); its one exception is Strava's webhook, mounted before it, which reads its raw
 * body with its own smaller limit (strava-webhook.ts) so a flood is refused before any parsing.
 */
const BODY_LIMIT = '64kb';

/**
 * Builds the Express app from its dependencies. Never listens: the process entry does that, and tests
 * drive it through supertest. Order matters: machine-to-machine routes (health, Strava's webhook, signed
 * email links) come before sessions and CSRF; everything after them is browser traffic.
 */
export function buildApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Which proxies may tell us the client's address (X-Forwarded-For): req.ip keys the rate limits.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'frame-ancestors': ["'none'"] },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    }),
  );
  app.use(healthRoutes(deps));
  app.use(stravaWebhookRoutes(deps));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(emailLinksRoutes(deps));
  const sessions = sessionMiddleware(deps);
  app.locals.sessionStore = sessions.store;
  app.use(sessions);
  app.use(csrfProtection);
  app.use(stravaAuthRoutes(deps));
  app.use(accountsRoutes(deps));
  app.use(coachSettingsRoutes(deps));
  app.use(notificationSettingsRoutes(deps));
  app.use(dashboardApiRoutes(deps));
  app.use(pagesRoutes(deps));
  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
