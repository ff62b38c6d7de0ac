import { Router, type Request, type Response } from 'express';
import { findSpentLink } from '../../../db/queries/used-links';
import type { Deps } from '../../deps';
import {
  applyConfirmEmailLink,
  applyRpeLink,
  applyUnsubscribeLink,
  describeRpeLink,
} from '../../notify/link-actions';
import { invalidLinkPage, renderLinkPage, type LinkPage } from '../../notify/link-pages';
import { verifyLink, type LinkClaims, type LinkPurpose } from '../../notify/signed-links';

const WHAT: Record<LinkPurpose, string> = {
  rpe: 'rating',
  unsubscribe: 'unsubscribe',
  'confirm-email': 'confirmation',
};
const SINGLE_USE: ReadonlySet<LinkPurpose> = new Set(['rpe', 'confirm-email']);

/**
 * Signed links from emails: confirm address, one-click unsubscribe, RPE (issue 6). Mounted before
 * sessions and CSRF: the signed, purpose-bound token is the authority and the CSRF defence. GET only
 * shows a page with a button (mail scanners prefetch links); POST acts. RFC 8058 one-click POSTs
 * `List-Unsubscribe=One-Click` to the very URL in the header, token in the query string.
 */
export function emailLinksRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/email/rpe', (req, res) =>
    showForm(deps, req, res, 'rpe', async (claims, action) => {
      const described = await describeRpeLink(deps, claims);
      if (!described) return invalidLinkPage('gone', 'rating');
      return {
        status: 200,
        title: 'How hard was it?',
        message: `Record a session RPE of ${described.score} out of 10 for "${described.title}"?`,
        form: { action, token: tokenOf(req), button: `Save ${described.score}/10` },
      };
    }),
  );
  router.post('/email/rpe', (req, res) => act(deps, req, res, 'rpe', (claims) => applyRpeLink(deps, claims)));
  router.get('/email/unsubscribe', (req, res) =>
    showForm(deps, req, res, 'unsubscribe', (claims, action) =>
      Promise.resolve({
        status: 200,
        title: 'Unsubscribe from alert emails?',
        message:
          claims.value === 'athlete'
            ? 'You will stop getting recovery alert emails from Kneadwise.'
            : 'You will stop getting alert emails about this athlete.',
        form: { action, token: tokenOf(req), button: 'Unsubscribe' },
      }),
    ),
  );
  router.post('/email/unsubscribe', (req, res) =>
    act(deps, req, res, 'unsubscribe', (claims) => applyUnsubscribeLink(deps, claims)),
  );
  router.get('/email/confirm', (req, res) =>
    showForm(deps, req, res, 'confirm-email', (claims, action) =>
      Promise.resolve({
        status: 200,
        title: 'Confirm your email address',
        message: `Send Kneadwise alerts to ${claims.value}?`,
        form: { action, token: tokenOf(req), button: 'Confirm address' },
      }),
    ),
  );
  router.post('/email/confirm', (req, res) =>
    act(deps, req, res, 'confirm-email', (claims) => applyConfirmEmailLink(deps, claims)),
  );
  return router;
}

function tokenOf(req: Request): string {
  const fromQuery = typeof req.query.t === 'string' ? req.query.t : undefined;
  const body = req.body as { t?: unknown } | undefined;
  return fromQuery ?? (typeof body?.t === 'string' ? body.t : '');
}

function send(res: Response, page: LinkPage): void {
  res
    .status(page.status)
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .type('html')
    .send(renderLinkPage(page));
}

async function verified(deps: Deps, req: Request, purpose: LinkPurpose): Promise<LinkClaims | LinkPage> {
  const result = verifyLink(deps.config.sessionSecret, purpose, tokenOf(req), deps.clock());
  if (!result.ok) return invalidLinkPage(result.reason, WHAT[purpose]);
  if (SINGLE_USE.has(purpose) && (await findSpentLink(deps.db, result.claims.nonce)))
    return invalidLinkPage('used', WHAT[purpose]);
  return result.claims;
}

async function showForm(
  deps: Deps,
  req: Request,
  res: Response,
  purpose: LinkPurpose,
  page: (claims: LinkClaims, action: string) => Promise<LinkPage>,
): Promise<void> {
  const claims = await verified(deps, req, purpose);
  if ('status' in claims) return send(res, claims);
  send(res, await page(claims, req.path));
}

async function act(
  deps: Deps,
  req: Request,
  res: Response,
  purpose: LinkPurpose,
  apply: (claims: LinkClaims) => Promise<LinkPage>,
): Promise<void> {
  const claims = await verified(deps, req, purpose);
  if ('status' in claims) return send(res, claims);
  send(res, await apply(claims));
}
