// Sections only the athlete sees on their own page: connection and import, email and alerts, coaches and
// consents, data export and deletion.
import { api, clear, el, fmt } from './lib.js';
import { emailPrefsSection } from './email-prefs.js';

async function renderConnection(summary) {
  const box = clear(document.getElementById('connection'));
  // GET /api/strava/connection (strava-auth.ts) has the live state; the summary is the fallback.
  const live = await api('GET', '/api/strava/connection').catch(() => null);
  const state = live?.state ?? summary.athlete.connectionState;
  const p = live?.backfill ?? summary.importProgress;
  const words = {
    connected: 'Connected to Strava.',
    needs_reconnect: 'Strava access expired or was limited: reconnect to keep your numbers up to date.',
    disconnected: 'Disconnected.',
  };
  box.append(el('p', { text: words[state] ?? String(state) }));
  for (const n of live?.notices ?? []) box.append(el('p', { class: 'notice', text: n.message }));
  if (state !== 'connected')
    box.append(
      el(
        'p',
        {},
        el('a', { class: 'button', href: '/auth/strava?returnTo=/me', text: 'Reconnect with Strava' }),
      ),
    );
  if (p && p.status !== 'done') {
    box.append(
      el('p', {
        text: `Import: ${p.status}. ${p.summariesDone ?? 0} of ${p.total ?? 0} activities imported, ${p.streamsDone ?? 0} with detailed data.`,
      }),
    );
  } else box.append(el('p', { class: 'muted', text: 'Your history is imported.' }));
}

function formWith(fields, label, submit) {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'stack' }, fields, error, el('button', { type: 'submit', text: label }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await submit(Object.fromEntries(new FormData(form)));
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return form;
}

/** IANA zones for the picker, the stored zone first and the browser's preselected when none was chosen. */
function timeZoneForm(settings) {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const chosen = settings.timeZoneSource === 'default' ? browserZone : settings.timeZone;
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names = [...new Set([settings.timeZone, browserZone, ...zones])].filter(Boolean).sort();
  const select = el(
    'select',
    { name: 'timeZone', id: 'time-zone' },
    names.map((z) => el('option', { value: z, text: z, selected: z === chosen })),
  );
  const origin = {
    default: 'not set yet (your browser says %s)'.replace('%s', browserZone),
    strava: 'from your newest Strava activity',
    athlete: 'chosen by you',
  }[settings.timeZoneSource];
  return el(
    'div',
    {},
    el('p', { text: `Time zone: ${settings.timeZone} (${origin}).` }),
    formWith(el('label', { for: 'time-zone' }, 'Time zone', select), 'Save time zone', async (d) => {
      await api('PUT', '/api/me/notification-settings', { timeZone: d.timeZone });
      await renderNotifications();
    }),
    el('p', { class: 'muted small', text: settings.timeZoneNote }),
  );
}

// Email, injured/ill flag and races use notification-settings.ts (issue 6).
async function renderNotifications() {
  const box = clear(document.getElementById('notifications'));
  const settings = await api('GET', '/api/me/notification-settings').catch(() => null);
  if (!settings) {
    box.append(el('p', { class: 'muted', text: 'Email and alert preferences are not available right now.' }));
    return;
  }
  const e = settings.email ?? {};
  const off = !settings.preferences.enabled;
  box.append(
    el('p', {
      text: !e.address
        ? 'No email address yet: add one to receive recommendations.'
        : off
          ? `Alert emails are off: nothing is sent to ${e.address}.`
          : `Recommendations go to ${e.address}${e.confirmed ? '' : ' (not confirmed yet)'}.`,
    }),
  );
  if (e.pendingAddress)
    box.append(el('p', { class: 'notice', text: `Waiting for you to confirm ${e.pendingAddress}.` }));
  box.append(
    formWith(
      el(
        'label',
        {},
        'Email address',
        el('input', { type: 'email', name: 'address', autocomplete: 'email', required: true }),
      ),
      'Save email',
      async (d) => {
        await api('PUT', '/api/me/email', { address: d.address });
        await renderNotifications();
      },
    ),
  );
  box.append(emailPrefsSection(settings, renderNotifications));
  box.append(timeZoneForm(settings));
  const injured = el('input', { type: 'checkbox', id: 'injured', checked: settings.injuredOrIll });
  injured.addEventListener('change', () =>
    api('PUT', '/api/me/status', { injuredOrIll: injured.checked }).catch(() => {
      injured.checked = !injured.checked;
    }),
  );
  box.append(
    el(
      'p',
      {},
      el('label', { for: 'injured', class: 'check' }, injured, ' I am injured or ill (pauses massage suggestions)'),
    ),
  );
  const races = await api('GET', '/api/me/races').catch(() => ({ races: [] }));
  const list = el(
    'ul',
    {},
    races.races.map((r) =>
      el(
        'li',
        {},
        `${r.raceDate}: ${r.name} (${r.priority}) `,
        el('button', {
          type: 'button',
          class: 'secondary',
          text: `Remove ${r.name}`,
          onclick: async () => {
            await api('DELETE', `/api/me/races/${encodeURIComponent(r.id)}`);
            await renderNotifications();
          },
        }),
      ),
    ),
  );
  box.append(
    el('h3', { text: 'Races' }),
    list,
    formWith(
      [
        el(
          'label',
          {},
          'Race name',
          el('input', { type: 'text', name: 'name', required: true, maxlength: 120 }),
        ),
        el('label', {}, 'Date', el('input', { type: 'date', name: 'raceDate', required: true })),
        el(
          'label',
          {},
          'Priority',
          el(
            'select',
            { name: 'priority' },
            el('option', { value: 'A', text: 'A: key race' }),
            el('option', { value: 'B', text: 'B: important' }),
            el('option', { value: 'C', text: 'C: training race' }),
          ),
        ),
      ],
      'Add race',
      async (d) => {
        await api('POST', '/api/me/races', { name: d.name, raceDate: d.raceDate, priority: d.priority });
        await renderNotifications();
      },
    ),
  );
}

async function renderCoaches() {
  const box = clear(document.getElementById('coaches'));
  const data = await api('GET', '/api/me/coaches');
  if (data.coaches.length === 0) {
    box.append(
      el('p', { class: 'muted', text: 'No coach can see your data. A coach can send you an invite link.' }),
    );
    return;
  }
  for (const c of data.coaches) {
    const item = el(
      'div',
      { class: 'card coach-consent' },
      el(
        'p',
        {},
        el('strong', { text: c.name }),
        c.active
          ? ` can see your data since ${fmt.dateTime(c.consentedAt)}.`
          : ` — consent revoked ${fmt.dateTime(c.revokedAt)}.`,
      ),
      el(
        'details',
        {},
        el('summary', { text: 'What you agreed to' }),
        el('pre', { class: 'small', text: c.consentText }),
      ),
    );
    if (c.active) {
      const adjust = el('input', { type: 'checkbox', checked: c.scopes.includes('adjust-training') });
      adjust.addEventListener('change', async () => {
        adjust.disabled = true;
        await api('PUT', `/api/me/coaches/${encodeURIComponent(c.coachUserId)}/scopes`, {
          adjustTraining: adjust.checked,
        }).catch(() => undefined);
        await renderCoaches();
      });
      item.append(
        el('label', {}, adjust, ` ${c.name} may adjust my training settings (physiology, thresholds)`),
      );
      // Issue 14: activities kept private on Strava ("Only you") stay hidden from a coach unless shared.
      const share = el('input', { type: 'checkbox', checked: c.sharePrivate === true });
      share.addEventListener('change', async () => {
        share.disabled = true;
        await api('PUT', `/api/me/coaches/${encodeURIComponent(c.coachUserId)}/scopes`, {
          sharePrivate: share.checked,
        }).catch(() => undefined);
        await renderCoaches();
      });
      item.append(
        el(
          'label',
          { class: 'share-private' },
          share,
          ` Show ${c.name} my activities that are private on Strava ("Only you"): listed, and counted in the numbers ${c.name} sees`,
        ),
      );
      const revoke = el('button', { type: 'button', class: 'danger', text: `Revoke access for ${c.name}` });
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        await api('POST', `/api/me/coaches/${encodeURIComponent(c.coachUserId)}/revoke`).catch(
          () => undefined,
        );
        await renderCoaches();
      });
      item.append(revoke);
    }
    box.append(item);
  }
  await renderCoachChanges(box);
}

const SCOPE_TEXT = {
  'adjust-training': 'adjust your training settings',
  'see-private': 'see your private activities',
};
const scopeText = (c) => SCOPE_TEXT[c.detail?.scope] ?? SCOPE_TEXT['adjust-training'];
const CHANGE_TEXT = {
  'physiology-changed': (c) => `${c.coachName} changed your physiology settings`,
  'scope-granted': (c) => `You allowed ${c.coachName} to ${scopeText(c)}`,
  'scope-withdrawn': (c) => `You withdrew ${c.coachName}'s permission to ${scopeText(c)}`,
};

/** The audit of coach changes: what each coach changed, and when the athlete granted or withdrew it. */
async function renderCoachChanges(box) {
  const { changes } = await api('GET', '/api/me/coach-changes');
  const list = el('ul', { class: 'coach-changes small' });
  for (const c of changes) {
    const what = (CHANGE_TEXT[c.action] ?? ((x) => `${x.coachName}: ${x.action}`))(c);
    const values = c.detail?.values ? ` (${JSON.stringify(c.detail.values)})` : '';
    list.append(el('li', { text: `${fmt.dateTime(c.at)}: ${what}${values}` }));
  }
  box.append(
    el('h3', { text: 'Changes by coaches' }),
    changes.length ? list : el('p', { class: 'muted', text: 'No coach has changed anything.' }),
  );
}

function wireDeletion() {
  const check = document.getElementById('confirm-delete');
  const button = document.getElementById('delete-data');
  const error = document.getElementById('delete-error');
  check.addEventListener('change', () => {
    button.disabled = !check.checked;
  });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('POST', '/auth/strava/disconnect', { confirm: true });
      location.assign('/login');
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
}

export async function renderOwnSections(summary) {
  document.getElementById('own').classList.remove('hidden');
  wireDeletion();
  await Promise.all([renderConnection(summary), renderNotifications(), renderCoaches()]);
}
