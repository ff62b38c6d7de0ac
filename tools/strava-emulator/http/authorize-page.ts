import express, { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { sendJson, stravaErrors } from '../errors';
import type { EmulatedAthlete } from '../types';
import { params } from './pipeline';
import { escapeHtml as esc } from '../../../services/api/escape-html';

export const KNOWN_SCOPES = [
  'read',
  'read_all',
  'profile:read_all',
  'profile:write',
  'activity:read',
  'activity:read_all',
  'activity:write',
];

/** Builds Strava's redirect: `redirect_uri?state=…&code=…&scope=…` or `…&error=access_denied`. */
export function redirectTarget(redirectUri: string, values: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(values)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Validates the authorize query; sends Strava's 400 body and returns null when invalid. */
function validate(ctx: EmulatorContext, p: Record<string, string>, res: Response): string[] | null {
  const fail = (field: string) => (
    sendJson(res, 400, stravaErrors.badRequest('Application', field, 'invalid')),
    null
  );
  if (p.client_id !== ctx.clientId) return fail('client_id');
  if (!p.redirect_uri || !URL.canParse(p.redirect_uri)) return fail('redirect_uri');
  if (p.response_type !== 'code') return fail('response_type');
  const scopes = (p.scope ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.includes(s))) {
    return (sendJson(res, 400, stravaErrors.badRequest('Authorize', 'scope', 'invalid')), null);
  }
  return scopes;
}

function page(p: Record<string, string>, scopes: string[], athletes: EmulatedAthlete[]): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type']
    .map((k) => `<input type="hidden" name="${k}" value="${esc(p[k] ?? '')}">`)
    .join('');
  const boxes = scopes
    .map(
      (s) =>
        `<label><input type="checkbox" name="granted" value="${esc(s)}" checked${s === 'read' ? ' disabled' : ''} data-testid="scope-${esc(s)}"> ${esc(s)}</label><br>`,
    )
    .join('');
  const buttons = athletes
    .map(
      (a) =>
        `<li>${esc(a.firstname)} ${esc(a.lastname)} (${a.id}, ${esc(a.profile)}) <button type="submit" name="athlete_id" value="${a.id}" data-testid="authorize-${a.id}">Authorize</button></li>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Authorize | Strava emulator</title></head><body>
<h1>Strava emulator: authorize application</h1><form method="post" action="/oauth/authorize">${hidden}
<fieldset><legend>Scopes</legend>${boxes}</fieldset><ul>${buttons}</ul>
<button type="submit" name="cancel" value="1" data-testid="cancel">Cancel</button></form></body></html>`;
}

/** Issues the code and redirects; grants only requested scopes (plus `read`, which cannot be unticked). */
function approve(
  ctx: EmulatorContext,
  res: Response,
  p: Record<string, string>,
  athleteId: number,
  granted: string[],
): void {
  const requested = (p.scope ?? '').split(',').map((s) => s.trim());
  const scopes = requested.filter((s) => s === 'read' || granted.includes(s));
  if (!ctx.world.athlete(athleteId)) return sendJson(res, 404, stravaErrors.notFound('Athlete'));
  const code = ctx.tokens.issueCode(athleteId, scopes, ctx.clientId);
  res.redirect(
    302,
    redirectTarget(p.redirect_uri ?? '', { state: p.state ?? '', code, scope: scopes.join(',') }),
  );
}

function showPage(ctx: EmulatorContext, req: Request, res: Response): void {
  const p = params(req);
  const scopes = validate(ctx, p, res);
  if (!scopes) return;
  if (p.emulator_deny === '1')
    return res.redirect(
      302,
      redirectTarget(p.redirect_uri ?? '', { state: p.state ?? '', error: 'access_denied' }),
    );
  if (p.emulator_athlete_id) {
    const granted = p.emulator_scope ? p.emulator_scope.split(',') : scopes;
    return approve(ctx, res, p, Number(p.emulator_athlete_id), granted);
  }
  res.type('html').send(page(p, scopes, ctx.world.listAthletes()));
}

function decide(ctx: EmulatorContext, req: Request, res: Response): void {
  const body = req.body as Record<string, unknown>;
  const p = params(req);
  if (!validate(ctx, p, res)) return;
  if (p.cancel)
    return res.redirect(
      302,
      redirectTarget(p.redirect_uri ?? '', { state: p.state ?? '', error: 'access_denied' }),
    );
  const raw = body.granted;
  const granted = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  approve(ctx, res, p, Number(p.athlete_id), granted);
}

/**
 * GET /oauth/authorize: HTML page listing the emulated athletes (Authorize buttons, scope checkboxes, Cancel).
 * Non-interactive shortcuts: `emulator_athlete_id=<id>` (optionally `emulator_scope=a,b`) redirects at once;
 * `emulator_deny=1` redirects with error=access_denied.
 */
export function authorizeRoutes(ctx: EmulatorContext): Router {
  const r = Router();
  r.get('/oauth/authorize', (req, res) => showPage(ctx, req, res));
  r.post('/oauth/authorize', express.urlencoded({ extended: true }), (req, res) => decide(ctx, req, res));
  return r;
}
