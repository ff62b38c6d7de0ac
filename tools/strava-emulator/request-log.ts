/** What kind of request the emulator saw: API reads/writes, OAuth, or push-subscription management. */
export type RequestKind = 'read' | 'write' | 'oauth' | 'subscription';

export interface RequestLogEntry {
  method: string;
  /** Path without query string, e.g. "/api/v3/activities/123". */
  path: string;
  query: Record<string, unknown>;
  /** Athlete of the bearer token, when one was valid. */
  athleteId: number | null;
  /** HTTP status sent; 0 when the request was left hanging by an injected timeout. */
  status: number;
  /** Emulator-clock time of arrival, epoch ms. */
  timeMs: number;
  kind: RequestKind;
  /** True when the response was injected (500 or timeout) rather than produced by the handler. */
  injected: boolean;
}

export interface CallFilter {
  method?: string;
  /** Exact path, or a RegExp tested against the path. */
  path?: string | RegExp;
  kind?: RequestKind;
  athleteId?: number;
  status?: number;
}

/** Keeps every request so tests can count API calls. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    return entry;
  }

  list(filter: CallFilter = {}): RequestLogEntry[] {
    return this.entries.filter((e) => matches(e, filter)).map((e) => ({ ...e }));
  }

  count(filter: CallFilter = {}): number {
    return this.entries.filter((e) => matches(e, filter)).length;
  }

  reset(): void {
    this.entries = [];
  }
}

function matches(e: RequestLogEntry, f: CallFilter): boolean {
  if (f.method !== undefined && e.method !== f.method.toUpperCase()) return false;
  if (f.kind !== undefined && e.kind !== f.kind) return false;
  if (f.athleteId !== undefined && e.athleteId !== f.athleteId) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  if (typeof f.path === 'string' && e.path !== f.path) return false;
  if (f.path instanceof RegExp && !f.path.test(e.path)) return false;
  return true;
}
