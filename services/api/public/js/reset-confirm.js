import { api, handleForm, renderNav } from './lib.js';

// The token travels in the URL fragment: it never reaches server logs or a Referer header.
renderNav();
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const state = document.getElementById('link-state');
const form = document.getElementById('confirm-form');
const MESSAGES = {
  used: 'This reset link was already used. Request a new one if you need to.',
  expired: 'This reset link has expired (links last one hour). Request a new one.',
  unknown: 'This reset link is not valid. Request a new one.',
};

// Until the link is known to be valid the form stays hidden; even then, nothing ever submits it natively
// (that would put the password in a request the browser builds, not ours).
form.addEventListener('submit', (event) => event.preventDefault());

async function start() {
  const res = await api('POST', '/api/password-resets/inspect', { token }).catch(() => ({
    state: 'unknown',
  }));
  if (res.state !== 'valid') {
    state.textContent = MESSAGES[res.state] ?? MESSAGES.unknown;
    state.append(
      ' ',
      Object.assign(document.createElement('a'), {
        href: '/password-reset',
        textContent: 'Request a new link',
      }),
    );
    return;
  }
  form.classList.remove('hidden');
  form.hidden = false;
  handleForm(form, async (data) => {
    const done = await api('POST', '/api/password-resets/complete', { token, password: data.password });
    form.classList.add('hidden');
    form.hidden = true;
    state.textContent = done.message;
    state.append(' ', Object.assign(document.createElement('a'), { href: '/login', textContent: 'Sign in' }));
  });
}
start();
