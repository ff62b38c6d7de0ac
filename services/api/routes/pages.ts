import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Deps } from '../../deps';
import { AppError, ERROR_CODES } from '../../errors';
import { principalOf } from '../middleware/require-auth';
import { declareRoute } from '../surface/declare-route';
import { PUBLIC_DIR, errorPage, pageHtml } from './dashboard/page-shell';

const UPLOT_DIST = path.dirname(require.resolve('uplot'));

const TITLES: Record<number, string> = {
  403: 'Not available to you',
  404: 'Not found',
  410: 'This link no longer works',
  429: 'Too many requests',
};

function sendPage(name: string) {
  return (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').type('html').send(pageHtml(name));
  };
}

/**
 * HTML pages and static assets. Pages carry no data: their scripts (same origin, no inline code, so the
 * CSP holds) call the JSON API. Page routes still check their policy, so a coach without consent gets a
 * plain 404 page rather than an empty shell; a visitor who is not signed in is sent to the login page.
 */
export function pagesRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/assets', express.static(PUBLIC_DIR, { index: false, fallthrough: true, maxAge: '1h' }));
  router.use('/vendor/uplot', express.static(UPLOT_DIST, { index: false, maxAge: '1d' }));

  declareRoute(deps, router, 'get', '/', (req, res) => {
    const p = principalOf(req);
    res.redirect(303, !p ? '/login' : p.role === 'coach' ? '/coach' : '/me');
  });
  declareRoute(deps, router, 'get', '/login', sendPage('login'));
  declareRoute(deps, router, 'get', '/signup', sendPage('signup'));
  declareRoute(deps, router, 'get', '/password-reset', sendPage('reset-request'));
  declareRoute(deps, router, 'get', '/password-reset/confirm', sendPage('reset-confirm'));
  declareRoute(deps, router, 'get', '/invite/:token', sendPage('invite'));
  declareRoute(deps, router, 'get', '/coach', sendPage('coach'));
  declareRoute(deps, router, 'get', '/coach/invites', sendPage('invites'));
  declareRoute(deps, router, 'get', '/coach/settings', sendPage('coach-settings'));
  declareRoute(deps, router, 'get', '/athletes/:athleteId', sendPage('athlete'));
  declareRoute(deps, router, 'get', '/me', sendPage('athlete'));

  // Browsers asking for a page that does not exist get a page, API clients keep the JSON 404.
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/') || req.accepts(['json', 'html']) !== 'html')
      return next();
    res
      .status(404)
      .type('html')
      .send(errorPage(404, TITLES[404]!, 'There is no page at this address.', req.id));
  });
  router.use(pageErrors);
  return router;
}

function pageErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!(err instanceof AppError) || res.headersSent) return next(err);
  const status = ERROR_CODES[err.code];
  if (status === 401) {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  res
    .status(status)
    .type('html')
    .send(errorPage(status, TITLES[status] ?? 'Something is not right', err.message, req.id));
}
