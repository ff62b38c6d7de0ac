import strava from 'strava-v3';
import { StatusCodeError } from 'strava-v3/axiosUtility';
import {
  deleteStravaSubscription,
  listStoredSubscriptions,
  saveStravaSubscription,
} from '../../db/queries/strava-subscription';
import type { Config } from '../config';
import type { Deps } from '../deps';
import { toIdString } from './lossless-json';
import { callStrava, setAppCredentials } from './transport';
import { generateWebhookSecret, webhookCallbackUrl } from './webhook-secret';

/**
 * The app's single Strava push subscription (npm run strava:subscribe | strava:rotate |
 * strava:subscription | strava:unsubscribe). Uses the app credentials, not an athlete's token. The
 * callback is PUBLIC_URL/strava/webhook/<secret>: the secret is STRAVA_WEBHOOK_SECRET when set, else the
 * one stored with the subscription, else a new random one. `rotate` replaces the subscription with one
 * under a new secret (a new random one, or a changed STRAVA_WEBHOOK_SECRET). Creating one makes Strava
 * call the callback at once (the handshake), so the web process must already be running and reachable
 * from Strava at that URL.
 */
export type SubscriptionCommand = 'subscribe' | 'rotate' | 'show' | 'unsubscribe';

export interface RemoteSubscription {
  id: string;
  callbackUrl: string;
}

/** The secret to subscribe with: configured, else the stored one (unless rotating), else a new one. */
async function chooseSecret(deps: Deps, rotate: boolean): Promise<string> {
  if (deps.config.strava.webhookSecret !== null) return deps.config.strava.webhookSecret;
  const stored = (await listStoredSubscriptions(deps.db)).find((x) => x.callbackSecret);
  return !rotate && stored?.callbackSecret ? stored.callbackSecret : generateWebhookSecret();
}

const describeConfig = (config: Config) =>
  config.strava.webhookSecret !== null ? 'STRAVA_WEBHOOK_SECRET' : 'the stored secret';

/** A Strava refusal turned into one readable line, e.g. "HTTP 400: PushSubscription callback url not verifiable". */
export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
}

async function push<T>(deps: Deps, fn: () => Promise<T>): Promise<T> {
  const outcome = await callStrava(deps.config.strava.baseUrl, () => {
    setAppCredentials(deps.config);
    return fn();
  });
  deps.metrics.stravaCalls.inc({
    kind: 'push_subscription',
    status: String(outcome.exchange?.status ?? 'no_response'),
  });
  if (outcome.ok) return outcome.value;
  const err = outcome.error;
  if (err instanceof StatusCodeError) {
    const body = err.data as {
      message?: string;
      errors?: { resource?: string; field?: string; code?: string }[];
    } | null;
    const detail = (body?.errors ?? [])
      .map((e) => [e.resource, e.field, e.code].filter(Boolean).join(' '))
      .join('; ');
    throw new SubscriptionError(
      `Strava answered HTTP ${err.statusCode}${body?.message ? ` ${body.message}` : ''}${detail ? `: ${detail}` : ''}`,
    );
  }
  throw new SubscriptionError(`Strava did not answer: ${err instanceof Error ? err.message : String(err)}`);
}

export async function listRemoteSubscriptions(deps: Deps): Promise<RemoteSubscription[]> {
  const list = await push(deps, () => strava.pushSubscriptions.list());
  return (Array.isArray(list) ? list : []).map((s) => {
    const r = s as unknown as Record<string, unknown>;
    return { id: toIdString(r.id), callbackUrl: typeof r.callback_url === 'string' ? r.callback_url : '' };
  });
}

/**
 * Runs one command, printing human-readable lines; returns the process exit code (0 ok, 1 failed).
 * Idempotent: subscribing again with the same callback reports the existing subscription.
 */
export async function runSubscriptionCommand(
  deps: Deps,
  cmd: SubscriptionCommand,
  print: (line: string) => void,
): Promise<number> {
  const rotate = cmd === 'rotate';
  const secret = await chooseSecret(deps, rotate);
  const callbackUrl = webhookCallbackUrl(deps.config, secret);
  try {
    const remote = await listRemoteSubscriptions(deps);
    if (cmd === 'show') return await show(deps, remote, print);
    if (cmd === 'unsubscribe') return await unsubscribe(deps, remote, print);
    const existing = remote[0];
    if (existing && existing.callbackUrl === callbackUrl) {
      await saveStravaSubscription(deps.db, { ...existing, callbackSecret: secret });
      print(`Already subscribed: subscription ${existing.id} delivers to ${callbackUrl}.`);
      if (rotate)
        print(`The secret did not change: ${describeConfig(deps.config)} is in use; change it to rotate.`);
      return 0;
    }
    if (existing && !rotate) {
      print(
        `Strava allows one subscription per app, and subscription ${existing.id} already delivers to ${existing.callbackUrl}.`,
      );
      print('Run "npm run strava:rotate" to replace it, or "npm run strava:unsubscribe" if it is obsolete.');
      return 1;
    }
    if (existing) {
      // One subscription per app: the old one goes first; events in the gap are retried by Strava and
      // recovered by reconciliation.
      await push(deps, () => strava.pushSubscriptions.delete({ id: existing.id }));
      await deleteStravaSubscription(deps.db, existing.id);
      print(`Deleted subscription ${existing.id} (old callback).`);
    }
    print(`Asking Strava to deliver events to ${callbackUrl} (Strava checks that URL right now)...`);
    const created = await push(deps, () =>
      strava.pushSubscriptions.create({
        callback_url: callbackUrl,
        verify_token: deps.config.strava.verifyToken,
      }),
    );
    const id = toIdString((created as unknown as Record<string, unknown>).id);
    await saveStravaSubscription(deps.db, { id, callbackUrl, callbackSecret: secret });
    print(`Subscribed: subscription ${id} delivers to ${callbackUrl}.`);
    return 0;
  } catch (err) {
    if (!(err instanceof SubscriptionError)) throw err;
    print(`Failed: ${err.message}`);
    if (cmd !== 'show' && cmd !== 'unsubscribe' && /verif|callback/i.test(err.message)) {
      print(
        `Strava could not verify ${callbackUrl}: is the web process running, reachable from Strava at PUBLIC_URL,`,
      );
      print(
        'answering within 2 seconds, and is STRAVA_VERIFY_TOKEN the same for this command and the web process?',
      );
    }
    return 1;
  }
}

async function show(
  deps: Deps,
  remote: RemoteSubscription[],
  print: (line: string) => void,
): Promise<number> {
  const stored = await listStoredSubscriptions(deps.db);
  if (remote.length === 0)
    print('No push subscription at Strava. Create one with "npm run strava:subscribe".');
  for (const s of remote) {
    const known = stored.some((x) => x.id === s.id)
      ? 'recorded here'
      : 'NOT recorded here: run "npm run strava:subscribe" to record it';
    print(`Subscription ${s.id} delivers to ${s.callbackUrl} (${known}).`);
    const expected = stored.find((x) => x.id === s.id)?.callbackUrl;
    if (expected !== undefined && s.callbackUrl !== expected)
      print(`Note: this install expects ${expected}.`);
  }
  for (const s of stored.filter((x) => !remote.some((r) => r.id === x.id))) {
    print(
      `Recorded subscription ${s.id} no longer exists at Strava; "npm run strava:unsubscribe" clears it.`,
    );
  }
  return 0;
}

async function unsubscribe(
  deps: Deps,
  remote: RemoteSubscription[],
  print: (line: string) => void,
): Promise<number> {
  for (const s of remote) {
    await push(deps, () => strava.pushSubscriptions.delete({ id: s.id }));
    print(`Deleted subscription ${s.id} (${s.callbackUrl}). Strava sends no more events.`);
  }
  const stored = await listStoredSubscriptions(deps.db);
  for (const s of stored) await deleteStravaSubscription(deps.db, s.id);
  if (remote.length === 0) print('No push subscription at Strava; nothing to delete.');
  return 0;
}
