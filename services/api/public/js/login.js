import { api, handleForm, renderNav, safeNext } from './lib.js';

renderNav();
const next = safeNext('/');
const connect = document.getElementById('connect-strava');
if (next !== '/') connect.href = `/auth/strava?returnTo=${encodeURIComponent(next)}`;
handleForm(document.getElementById('login-form'), async (data) => {
  await api('POST', '/api/session', { email: data.email, password: data.password });
  location.assign(safeNext('/coach'));
});
