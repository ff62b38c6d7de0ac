import type { Deps } from '../deps';
import { AppError } from '../errors';
import { WEBHOOK_BASE_PATH, isWebhookSecret, sameSecret } from '../strava/webhook-secret';
import { sourceLimitFor } from './source-limit';

/** Path of the webhook callback; POSTs go to `${WEBHOOK_PATH}/<secret>`. */
export const WEBHOOK_PATH = WEBHOOK_BASE_PATH;
const MAX_CHALLENGE_LENGTH = 255;

/** The query of Strava's subscription handshake, as the HTTP adapter received it. */
export interface HandshakeQuery {
  'hub.mode'?: unknown;
  'hub.verify_token'?: unknown;
  'hub.challenge'?: unknown;
}

/** Answers the subscription handshake: the challenge to echo, or a 4xx AppError saying what is wrong. */
export function answerHandshake(query: HandshakeQuery, verifyToken: string): string {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe') throw new AppError('bad_request', 'hub.mode must be "subscribe"');
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > MAX_CHALLENGE_LENGTH) {
    throw new AppError('bad_request', `hub.challenge must be 1 to ${MAX_CHALLENGE_LENGTH} characters`);
  }
  if (typeof token !== 'string' || !sameSecret(token, verifyToken)) {
    throw new AppError('forbidden', 'hub.verify_token does not match');
  }
  return challenge;
}

/** A POST to the bare path (no secret): counted and refused like a wrong secret. */
export function refuseMissingSecret(deps: Deps): never {
  deps.metrics.webhookDropped.inc({ reason: 'wrong path secret' });
  throw new AppError('not_found', 'No such webhook endpoint');
}

/** Path secret, then the per-source limit: both before the body is read or anything is written. */
export async function admitWebhookPost(deps: Deps, secret: unknown, sourceIp: string): Promise<void> {
  if (typeof secret !== 'string' || !(await isWebhookSecret(deps, secret))) refuseMissingSecret(deps);
  if (!(await sourceLimitFor(deps).admit(sourceIp))) {
    deps.metrics.webhookDropped.inc({ reason: 'source over limit' });
    throw new AppError('rate_limited', 'Too many webhook events from this source; retry later');
  }
}
