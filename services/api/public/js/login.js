import { api, handleForm, renderNav, safeNext } from './lib.js';

renderNav();
const next = safeNext('/');
const connect = document.getElementById('connect-strava');
if (next !== '/') connect.href = `/auth/strava?returnTo=${encodeURIComponent(next)}`;
handleForm(document.getElementById('login-form'), async (data) => {
  // The server checks `next` (only a local path; "/\\evil.example" would leave the site) and answers where to go.
  const raw = new URLSearchParams(location.search).get('next') ?? undefined;
  const res = await api('POST', '/api/session', { email: data.email, password: data.password, next: raw });
  location.assign(res.redirectTo);
});
