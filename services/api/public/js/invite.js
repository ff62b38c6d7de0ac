import { api, clear, el, fmt, renderNav, session } from './lib.js';

renderNav();
const box = document.getElementById('invite');
const token = decodeURIComponent(location.pathname.split('/').pop() ?? '');
const DEAD = {
  used: 'This invite link was already used. Ask your coach for a new one.',
  expired: 'This invite link has expired. Ask your coach for a new one.',
  revoked: 'Your coach withdrew this invite.',
};

function consentView(invite, user) {
  const parts = [
    el(
      'p',
      {},
      el('strong', { text: invite.coachName || 'A coach' }),
      ' invites you to share your training data with them in Kneadwise.',
    ),
    invite.note ? el('p', { class: 'notice', text: `Note from your coach: ${invite.note}` }) : null,
    el('h2', { text: 'What your coach will see' }),
    el(
      'ul',
      { id: 'visible-list' },
      invite.visible.map((v) => el('li', { text: v })),
    ),
    el('h2', { text: 'What your coach will not see' }),
    el(
      'ul',
      {},
      invite.hidden.map((v) => el('li', { text: v })),
    ),
    el('p', {
      class: 'muted small',
      text: `This link expires ${fmt.date(invite.expiresAt)}. You can revoke consent at any time from your page; the coach loses access at once.`,
    }),
  ];
  if (!user) {
    const here = location.pathname;
    parts.push(
      el('p', { text: 'Connect your Strava account to continue. You will come back here to decide.' }),
      el(
        'p',
        {},
        el('a', {
          class: 'button',
          href: `/auth/strava?returnTo=${encodeURIComponent(here)}`,
          text: 'Connect with Strava',
        }),
      ),
    );
  } else if (user.role !== 'athlete') {
    parts.push(
      el('p', {
        class: 'error',
        text: 'You are signed in as a coach. Sign out and connect with Strava as the athlete to accept.',
      }),
    );
  } else {
    const error = el('p', { class: 'error', role: 'alert' });
    const accept = el('button', {
      type: 'button',
      id: 'accept-consent',
      text: `I agree: share my data with ${invite.coachName || 'this coach'}`,
    });
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      try {
        await api('POST', `/api/invites/${encodeURIComponent(token)}/accept`, {
          consentVersion: invite.consentVersion,
        });
        clear(box).append(
          el('p', {
            class: 'notice',
            role: 'status',
            text: 'Consent recorded. Your coach can now see the data listed above.',
          }),
          el('p', {}, el('a', { href: '/me', text: 'Go to your page' })),
        );
      } catch (err) {
        error.textContent = err.message;
        accept.disabled = false;
      }
    });
    parts.push(el('p', {}, accept, ' ', el('a', { href: '/me', text: 'Not now' })), error);
  }
  return parts;
}

async function start() {
  try {
    const [invite, s] = await Promise.all([
      api('GET', `/api/invites/${encodeURIComponent(token)}`),
      session(),
    ]);
    clear(box);
    if (invite.state !== 'open')
      box.append(el('p', { class: 'error', text: DEAD[invite.state] ?? 'This invite cannot be used.' }));
    else box.append(...consentView(invite, s.user));
  } catch (err) {
    clear(box).append(el('p', { class: 'error', text: err.message }));
  }
}
start();
