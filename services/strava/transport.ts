import { AsyncLocalStorage } from 'node:async_hooks';
import type { AxiosError, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import strava from 'strava-v3';
import { axiosInstance } from 'strava-v3/axiosUtility';
import type { Config } from '../config';
import { parseJsonLossless } from './lossless-json';

/**
 * The wire under strava-v3. strava-v3 hard-codes https://www.strava.com (API and OAuth) and parses with
 * json-bigint; we redirect every request of its shared axios instance to STRAVA_BASE_URL, parse bodies
 * losslessly (64-bit ids as strings) and capture status and headers for the shared rate budget.
 *
 * The base URL travels in an AsyncLocalStorage scope rather than module state, so two configurations in
 * one process (tests, demo) never cross; a strava-v3 request made outside a scope is refused, so nothing
 * can reach the real Strava by accident.
 */
const STRAVA_ORIGIN = 'https://www.strava.com';
export const STRAVA_REQUEST_TIMEOUT_MS = 10_000;

/** Status and lower-cased headers of the last response seen in a scope. */
export interface StravaExchange {
  status: number;
  headers: Record<string, string>;
}

interface Scope {
  baseUrl: string;
  last?: StravaExchange;
}

export type ScopedOutcome<T> =
  | { ok: true; value: T; exchange: StravaExchange | undefined }
  | { ok: false; error: unknown; exchange: StravaExchange | undefined };

const scopes = new AsyncLocalStorage<Scope>();
let installed = false;

/**
 * Runs `fn` (one strava-v3 call) against `baseUrl` and reports its outcome with the HTTP exchange,
 * so callers can feed rate-limit headers to the budget whether the call succeeded or not.
 */
export async function callStrava<T>(baseUrl: string, fn: () => Promise<T>): Promise<ScopedOutcome<T>> {
  install();
  const scope: Scope = { baseUrl };
  return scopes.run(scope, async () => {
    try {
      const value = await fn();
      return { ok: true as const, value, exchange: scope.last };
    } catch (error) {
      return { ok: false as const, error, exchange: scope.last };
    }
  });
}

/**
 * strava-v3's OAuth helpers read the app credentials from module-global config at call time. The config
 * is the same for every caller in a process (one Strava app per install), and it is set synchronously
 * right before each call, so concurrent calls cannot see another caller's values.
 */
export function setAppCredentials(config: Config): void {
  strava.config({
    client_id: config.strava.clientId,
    client_secret: config.strava.clientSecret,
    redirect_uri: `${config.publicUrl}/auth/strava/callback`,
    access_token: '',
  });
}

function install(): void {
  if (installed) return;
  installed = true;
  axiosInstance.interceptors.request.use(redirect);
  axiosInstance.interceptors.response.use(
    (res) => (record(res), res),
    (err: unknown) => {
      const res = (err as AxiosError).response;
      if (res) record(res);
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    },
  );
}

function redirect(cfg: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
  const scope = scopes.getStore();
  if (!scope) throw new Error('strava-v3 request outside services/strava/transport scope refused');
  const url = cfg.url ?? '';
  if (url.startsWith(STRAVA_ORIGIN)) cfg.url = scope.baseUrl + url.slice(STRAVA_ORIGIN.length);
  else if (/^[a-z]+:\/\//i.test(url)) throw new Error('strava-v3 request to an unexpected host refused');
  else cfg.baseURL = `${scope.baseUrl}/api/v3/`;
  if (cfg.url?.endsWith('/oauth/token') && cfg.params) moveParamsToForm(cfg);
  cfg.timeout = STRAVA_REQUEST_TIMEOUT_MS;
  cfg.responseType = 'text';
  cfg.transformResponse = [parseBody];
  return cfg;
}

/**
 * strava-v3 sends client_secret, codes and refresh tokens as query parameters; URLs end up in proxy and
 * server logs, so they go in the form body instead (Strava accepts either).
 */
function moveParamsToForm(cfg: InternalAxiosRequestConfig): void {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(cfg.params as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') form.set(k, String(v));
  }
  cfg.params = undefined;
  cfg.data = form.toString();
  cfg.headers.set('Content-Type', 'application/x-www-form-urlencoded');
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  const text = data.trim();
  if (text === '') return null;
  try {
    return parseJsonLossless(text);
  } catch {
    return data;
  }
}

function record(res: AxiosResponse): void {
  const scope = scopes.getStore();
  if (!scope) return;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') headers[k.toLowerCase()] = String(v);
    else if (Array.isArray(v)) headers[k.toLowerCase()] = v.join(', ');
  }
  scope.last = { status: res.status, headers };
}
