import { api, handleForm, renderNav } from './lib.js';

renderNav();
const state = document.getElementById('email-state');
const copies = document.getElementById('alert-copies');
const resend = document.getElementById('resend');
const message = document.getElementById('message');

/** Shows the address, whether it is confirmed, and whether alert copies can reach it. */
function show(view) {
  const e = view.email;
  const parts = [];
  if (e.address) parts.push(`${e.address}: ${e.confirmed ? 'confirmed' : 'not confirmed yet'}.`);
  if (e.pendingAddress) parts.push(`Waiting for confirmation: ${e.pendingAddress}.`);
  if (e.status === 'undeliverable' && e.statusMessage) parts.push(e.statusMessage);
  state.textContent = parts.join(' ');
  copies.textContent = view.alertCopies.message;
  resend.classList.toggle('hidden', !(e.pendingAddress || !e.confirmed));
  if (view.message) message.textContent = view.message;
}

resend.addEventListener('click', async () => {
  resend.disabled = true;
  try {
    show(await api('POST', '/api/coach/email/resend'));
  } catch (err) {
    message.textContent = err.message;
  } finally {
    resend.disabled = false;
  }
});
handleForm(document.getElementById('email-form'), async (data) => {
  show(await api('PUT', '/api/coach/email', { address: data.address }));
});
api('GET', '/api/coach/settings').then(show);
