import { api, clear, el, fmt, handleForm, renderNav } from './lib.js';

renderNav();
const tbody = document.querySelector('#invites tbody');
const newLink = document.getElementById('new-link');
const STATES = { open: 'Open', used: 'Accepted', expired: 'Expired', revoked: 'Withdrawn' };

async function load() {
  const data = await api('GET', '/api/coach/invites');
  clear(tbody).append(
    ...data.invites.map((i) =>
      el(
        'tr',
        {},
        el('td', { text: fmt.date(i.createdAt) }),
        el('td', { text: i.note || '—' }),
        el('td', { text: STATES[i.state] ?? i.state }),
        el('td', { text: fmt.date(i.expiresAt) }),
        el(
          'td',
          {},
          i.state === 'open'
            ? el('button', {
                type: 'button',
                class: 'secondary',
                text: 'Withdraw',
                onclick: () => revoke(i.id),
              })
            : '',
        ),
      ),
    ),
  );
  if (data.invites.length === 0)
    tbody.append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No invites yet.' })));
}

async function revoke(id) {
  await api('POST', `/api/coach/invites/${encodeURIComponent(id)}/revoke`);
  await load();
}

handleForm(document.getElementById('invite-form'), async (data) => {
  const res = await api('POST', '/api/coach/invites', { note: data.note ?? '' });
  const input = el('input', {
    type: 'text',
    readonly: true,
    value: res.url,
    'aria-label': 'Invite link',
    id: 'invite-url',
    size: 60,
  });
  const copy = el('button', {
    type: 'button',
    class: 'secondary',
    text: 'Copy link',
    onclick: async () => {
      await navigator.clipboard?.writeText(res.url);
      copy.textContent = 'Copied';
    },
  });
  clear(newLink).append(el('p', { text: res.message }), input, ' ', copy);
  newLink.classList.remove('hidden');
  await load();
});
load();
