import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { sendJson, stravaErrors } from '../errors';
import { emitDeauthorized } from '../events';
import { athleteSummary } from '../representations';
import { params } from './pipeline';

const bad = (res: Response, resource: string, field: string, code: string) =>
  sendJson(res, 400, stravaErrors.badRequest(resource, field, code));

/** Checks client_id/client_secret against the registered app; answers 400 like Strava when wrong. */
export function checkClient(ctx: EmulatorContext, p: Record<string, string>, res: Response): boolean {
  if (p.client_id !== ctx.clientId) return (bad(res, 'Application', 'client_id', 'invalid'), false);
  if (p.client_secret !== ctx.clientSecret)
    return (bad(res, 'Application', 'client_secret', 'invalid'), false);
  return true;
}

function tokenResponse(
  ctx: EmulatorContext,
  t: { accessToken: string; refreshToken: string; expiresAtS: number },
) {
  return {
    token_type: 'Bearer',
    access_token: t.accessToken,
    expires_at: t.expiresAtS,
    expires_in: t.expiresAtS - ctx.clock.nowS(),
    refresh_token: t.refreshToken,
  };
}

/** POST /oauth/token: authorization_code (with athlete summary) and refresh_token grants. */
function token(ctx: EmulatorContext, req: Request, res: Response): void {
  const p = params(req);
  if (!checkClient(ctx, p, res)) return;
  if (p.grant_type === 'authorization_code') {
    const out = ctx.tokens.exchangeCode(p.code ?? '', ctx.clientId);
    if (!out) return bad(res, 'AuthorizationCode', 'code', 'invalid');
    const athlete = ctx.world.athlete(out.athleteId);
    return sendJson(res, 200, {
      ...tokenResponse(ctx, out),
      athlete: athlete ? athleteSummary(athlete) : null,
    });
  }
  if (p.grant_type === 'refresh_token') {
    const out = ctx.tokens.refreshTokens(p.refresh_token ?? '');
    if (!out) return bad(res, 'RefreshToken', 'refresh_token', 'invalid');
    return sendJson(res, 200, tokenResponse(ctx, out));
  }
  bad(res, 'Application', 'grant_type', p.grant_type ? 'invalid' : 'missing');
}

/** POST /oauth/deauthorize: revokes every token of the athlete; later requests get 401. */
function deauthorize(ctx: EmulatorContext, req: Request, res: Response): void {
  const p = params(req);
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  const accessToken = p.access_token ?? bearer ?? '';
  const grant = ctx.tokens.authenticate(accessToken);
  if (!grant) return sendJson(res, 401, stravaErrors.invalidAccessToken());
  ctx.tokens.revokeAthlete(grant.athleteId);
  emitDeauthorized(ctx, grant.athleteId);
  sendJson(res, 200, { access_token: accessToken });
}

/** OAuth endpoints other than the interactive authorize page. */
export function oauthRoutes(ctx: EmulatorContext): Router {
  const r = Router();
  r.post('/oauth/token', (req, res) => token(ctx, req, res));
  r.post('/oauth/deauthorize', (req, res) => deauthorize(ctx, req, res));
  return r;
}
