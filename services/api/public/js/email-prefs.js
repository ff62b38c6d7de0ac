// The athlete's email and alert preferences on /me: the on/off switch (what the unsubscribe link turns
// off), quiet hours, the rate cap, the daily digest and the alert thresholds. Each control shows the
// stored state; saving sends only what this section owns (PUT /api/me/notification-settings).
import { api, el } from './lib.js';

const RULE_NAMES = {
  'area-strain': 'Body area strain (times its usual load)',
  'hard-session': 'Hard session (load, AU)',
  'form-low': 'Low form (TSB, at or below)',
  'load-spike': 'Load spike (acute:chronic ratio)',
  monotony: 'Monotony (last 7 days)',
};

const hours = (n) => `${n} hour${n === 1 ? '' : 's'}`;

/** One sentence for the current state, so the athlete sees it without reading the form. */
export function emailStateText(settings) {
  const p = settings.preferences;
  if (!p.enabled) return 'Emails are off.';
  const parts = ['Emails are on'];
  if (p.digest.enabled)
    parts.push(`as one daily digest at ${String(p.digest.hourLocal).padStart(2, '0')}:00`);
  else if (p.maxOnePerHours > 0) parts.push(`at most one every ${hours(p.maxOnePerHours)}`);
  if (p.quietHours) parts.push(`none between ${p.quietHours.start} and ${p.quietHours.end}`);
  return `${parts.join(', ')}.`;
}

function save(body, after) {
  return api('PUT', '/api/me/notification-settings', body).then(after);
}

function onOffSwitch(settings, after) {
  const on = settings.preferences.enabled;
  return el(
    'p',
    { id: 'email-state' },
    el('strong', { text: emailStateText(settings) }),
    ' ',
    el('button', {
      type: 'button',
      id: 'email-toggle',
      class: on ? 'secondary' : '',
      text: on ? 'Turn alert emails off' : 'Turn alert emails on',
      onclick: (e) => {
        e.currentTarget.disabled = true;
        return save({ preferences: { enabled: !on } }, after);
      },
    }),
  );
}

function field(label, input, hint) {
  return el('label', {}, label, hint ? el('span', { class: 'muted small', text: hint }) : null, input);
}

function check(name, checked, text) {
  return el('label', { class: 'check' }, el('input', { type: 'checkbox', name, checked }), ` ${text}`);
}

function deliveryFields(p) {
  const q = p.quietHours ?? { start: '21:00', end: '07:00' };
  return [
    check('quietOn', p.quietHours !== null, 'Quiet hours: no alert email between'),
    el(
      'div',
      { class: 'row' },
      field('From', el('input', { type: 'time', name: 'quietStart', value: q.start, required: true })),
      field('Until', el('input', { type: 'time', name: 'quietEnd', value: q.end, required: true })),
    ),
    field(
      'At most one alert email every (hours)',
      el('input', { type: 'number', name: 'maxOnePerHours', min: 0, max: 168, value: p.maxOnePerHours }),
      '0 means no limit; later alerts wait and join the next email.',
    ),
    check('digestOn', p.digest.enabled, 'Instead, one daily digest'),
    field(
      'Digest hour (0-23, your time zone)',
      el('input', { type: 'number', name: 'digestHour', min: 0, max: 23, value: p.digest.hourLocal }),
    ),
  ];
}

function thresholdFields(settings) {
  const set = settings.alertSettings?.thresholds ?? {};
  return settings.rules.map((r) =>
    field(
      RULE_NAMES[r.id] ?? r.id,
      el('input', {
        type: 'number',
        name: `threshold:${r.id}`,
        step: 'any',
        min: r.range.min,
        max: r.range.max,
        value: set[r.id] ?? '',
        placeholder: String(r.defaultThreshold),
      }),
      `Default ${r.defaultThreshold}, allowed ${r.range.min} to ${r.range.max}. Empty uses the default.`,
    ),
  );
}

function bodyFrom(form, settings) {
  const d = new FormData(form);
  const thresholds = {};
  for (const r of settings.rules) {
    const v = String(d.get(`threshold:${r.id}`) ?? '').trim();
    if (v !== '') thresholds[r.id] = Number(v);
  }
  return {
    preferences: {
      quietHours: d.get('quietOn') ? { start: d.get('quietStart'), end: d.get('quietEnd') } : null,
      maxOnePerHours: Number(d.get('maxOnePerHours') || 0),
      digest: { enabled: !!d.get('digestOn'), hourLocal: Number(d.get('digestHour') || 0) },
    },
    alertSettings: { ...settings.alertSettings, thresholds },
  };
}

/** The section: state line with the switch, then the delivery and threshold form. */
export function emailPrefsSection(settings, after) {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el(
    'form',
    { class: 'stack', id: 'alert-prefs', method: 'post' },
    el(
      'fieldset',
      {},
      el('legend', { text: 'When alert emails come' }),
      deliveryFields(settings.preferences),
    ),
    el('fieldset', {}, el('legend', { text: 'When an alert is raised' }), thresholdFields(settings)),
    error,
    el('button', { type: 'submit', text: 'Save alert preferences' }),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await save(bodyFrom(form, settings), after);
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return el('div', {}, onOffSwitch(settings, after), form);
}
