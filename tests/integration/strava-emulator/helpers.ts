import type { Server } from 'node:http';
import express from 'express';
import {
  createStravaEmulator,
  parseJsonExact,
  type StravaEmulator,
  type StravaEmulatorOptions,
} from '../../../tools/strava-emulator';

/** Wire JSON in assertions is deliberately untyped: the tests check Strava's shape, not ours. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Wire = any;

/** A frozen emulator clock start, 3 minutes into a 15-minute window. */
export const T0 = '2026-03-02T10:03:00Z';

export interface Running {
  emu: StravaEmulator;
  url: string;
}

/** Starts an emulator on an ephemeral port with a frozen clock (no background cache warming). */
export async function startEmulator(options: StravaEmulatorOptions = {}): Promise<Running> {
  const emu = createStravaEmulator({ clock: { start: T0, frozen: true }, warmCache: false, ...options });
  const { url } = await emu.start(0);
  return { emu, url };
}

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  expires_in: number;
  token_type: string;
  athlete?: { id: number };
}

/** Form-encoded POST, as Strava clients usually send. */
export async function postForm(url: string, form: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, headers: res.headers, body: parseJsonExact(await res.text()) as Wire };
}

/** Exchanges a control-issued code for tokens. */
export async function connect(r: Running, athleteId: number, scopes?: string[]): Promise<TokenResponse> {
  const code = r.emu.control.authorize({ athleteId, scopes });
  const res = await postForm(`${r.url}/oauth/token`, {
    client_id: '1000',
    client_secret: 'emulator-client-secret',
    code,
    grant_type: 'authorization_code',
  });
  if (res.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(res.body)}`);
  return res.body as TokenResponse;
}

/** GET with a bearer token; returns status, headers, raw text and the exact-id parse. */
export async function apiGet(r: Running, path: string, token?: string) {
  const res = await fetch(`${r.url}/api/v3${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: parseJsonExact(text) as Wire };
}

export interface ReceivedRequest {
  method: string;
  query: Record<string, unknown>;
  rawBody: string;
}

/** Behaviour of the next callback requests, consumed in order; when empty the receiver answers 200. */
export type Behaviour = 'ok' | 'fail500' | 'hang';

/** A tiny webhook receiver speaking Strava's handshake and recording each POST's raw body. */
export async function startReceiver(verifyToken = 'verify-me') {
  const received: ReceivedRequest[] = [];
  const script: Behaviour[] = [];
  const app = express();
  app.get('/hook', (req, res) => {
    received.push({ method: 'GET', query: req.query, rawBody: '' });
    if (req.query['hub.verify_token'] !== verifyToken) return void res.status(403).end();
    res.json({ 'hub.challenge': req.query['hub.challenge'] });
  });
  app.post('/hook', express.text({ type: '*/*' }), (req, res) => {
    received.push({ method: 'POST', query: {}, rawBody: String(req.body) });
    const next = script.shift() ?? 'ok';
    if (next === 'fail500') return void res.status(500).end();
    if (next === 'hang') return void setTimeout(() => res.status(200).end(), 1500).unref();
    res.status(200).end();
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    script,
    posts: () => received.filter((x) => x.method === 'POST'),
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Creates the push subscription through the real API (handshake included). */
export async function subscribe(r: Running, callbackUrl: string, verifyToken = 'verify-me') {
  return postForm(`${r.url}/api/v3/push_subscriptions`, {
    client_id: '1000',
    client_secret: 'emulator-client-secret',
    callback_url: callbackUrl,
    verify_token: verifyToken,
  });
}
