// Shared helpers. Data from the API is only ever put into the page with textContent or attributes set
// through the DOM (never innerHTML), so an activity title like "<img onerror=...>" stays text.

/** Creates an element: attrs are set as properties or attributes, children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

let sessionPromise;
/** The session (user + CSRF token), fetched once per page. */
export function session() {
  sessionPromise ??= fetch('/api/session', { credentials: 'same-origin' }).then((r) => r.json());
  return sessionPromise;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `Request failed (${status})`);
    this.status = status;
    this.fields = body?.error?.details?.fields ?? {};
  }
}

/** Calls the JSON API; state-changing calls carry the session's CSRF token. Throws ApiError on 4xx/5xx. */
export async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = (await session()).csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && method === 'GET') {
    location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
    throw new ApiError(401, {});
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Wires a form: fields to JSON, errors next to the form, busy state while submitting. */
export function handleForm(form, submit) {
  const error = form.querySelector('.error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (error) error.textContent = '';
    button.disabled = true;
    try {
      await submit(Object.fromEntries(new FormData(form)));
    } catch (err) {
      if (error) error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
}

/** Only local paths are followed after sign-in (no open redirect). */
export function safeNext(fallback) {
  const next = new URLSearchParams(location.search).get('next');
  // Same rule as services/api/safe-path.ts: a backslash or whitespace anywhere, or "//", is refused.
  return next && /^\/(?![/\\])[^\s\\]{0,500}$/.test(next) ? next : fallback;
}

export const fmt = {
  num: (v, digits = 0) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits)),
  date: (iso) =>
    iso
      ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
      : '—',
  /** A calendar day "YYYY-MM-DD" (an activity's own local day) as that day, whatever the viewer's zone. */
  day: (ymd) =>
    ymd
      ? new Date(`${ymd}T12:00:00Z`).toLocaleDateString(undefined, {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          timeZone: 'UTC',
        })
      : '—',
  dateTime: (iso) =>
    iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—',
  duration: (s) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} h`,
  km: (m) => `${(m / 1000).toFixed(1)} km`,
};

/** The account links in the top bar. */
export async function renderNav() {
  const nav = document.getElementById('nav');
  if (!nav) return;
  const s = await session();
  clear(nav);
  if (!s.user) {
    nav.append(el('a', { href: '/login', text: 'Sign in' }));
    return;
  }
  if (s.user.role === 'coach')
    nav.append(
      el('a', { href: '/coach', text: 'Athletes' }),
      el('a', { href: '/coach/invites', text: 'Invites' }),
      el('a', { href: '/coach/settings', text: 'Settings' }),
    );
  else nav.append(el('a', { href: '/me', text: 'My page' }));
  const out = el('button', { type: 'button', class: 'secondary', text: 'Sign out' });
  out.addEventListener('click', async () => {
    await api('POST', '/api/session/logout').catch(() => undefined);
    location.assign('/login');
  });
  nav.append(out);
}
