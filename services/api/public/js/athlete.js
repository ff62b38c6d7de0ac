import { api, clear, el, fmt, renderNav, session } from './lib.js';
import { renderChart } from './chart.js';
import { renderBodyMap } from './body-map.js';
import { renderOwnSections } from './own-sections.js';
import { wirePhysiologyForm } from './physiology-form.js';

renderNav();
const status = document.getElementById('status');
let athleteId;
let nextBefore = null;

function card(label, value, hint) {
  return el(
    'div',
    { class: 'card', title: hint ?? '' },
    el('div', { class: 'muted small', text: label }),
    el('div', { class: 'value', text: value }),
    hint ? el('div', { class: 'muted small', text: hint }) : null,
  );
}

function renderToday(s) {
  const box = clear(document.getElementById('today'));
  const range = document.getElementById('load-range');
  const t = s.today;
  if (!t) {
    box.append(
      el('p', { class: 'muted', text: 'No numbers yet: they appear once activities are imported.' }),
    );
    range.textContent = '';
    return;
  }
  const cal = t.calibration ?? {};
  // While a figure lacks the history it needs, say so instead of showing a number.
  const shown = (key, value, digits) => (cal[key] ? cal[key].label : fmt.num(value, digits));
  if (t.conventionLabel) box.append(el('p', { class: 'muted small convention', text: t.conventionLabel }));
  box.append(
    card('Load today (so far)', fmt.num(t.load)),
    card('Fitness', shown('fitness', t.fitness, 1), s.explanations.ctl),
    card('Fatigue', shown('fatigue', t.fatigue, 1), s.explanations.atl),
    card('Form', shown('form', t.form, 1), s.explanations.tsb),
    card(
      'Form zone',
      cal.formZone ? cal.formZone.label : (t.formZone?.label ?? '—'),
      t.formZone ? `${t.formZone.explanation} ${t.formZone.source}` : s.explanations.formZone,
    ),
    card('Load spike', shown('loadSpikeRatio', t.loadSpikeRatio, 2), s.explanations.loadSpikeRatio),
    card('Monotony', shown('monotony', t.monotony, 2), s.explanations.monotony),
    card(
      'Rest days to fresh form',
      cal.restDaysToFreshness
        ? cal.restDaysToFreshness.label
        : t.restDaysToFreshness === null
          ? '—'
          : String(t.restDaysToFreshness),
      s.explanations.restDaysToFreshness,
    ),
  );
  if (t.calibrating) box.append(el('p', { class: 'notice', text: s.explanations.calibrating }));
  const r = t.loadRange;
  const left =
    r && r.prescriptions.length ? ` That is ${r.prescriptions.map((p) => p.text).join(', or ')}.` : '';
  range.textContent = cal.loadRange
    ? `Today's load range: ${cal.loadRange.label}.`
    : !r
      ? ''
      : r.restAdvised
        ? "Today's load range: rest is advised; even a rest day leaves tomorrow's form below the target band."
        : r.overBy > 0
          ? `Today's load range: ${r.minLoad}–${r.maxLoad}. Today's load (${fmt.num(t.load)}) is over today's range by ${r.overBy}: more today pushes tomorrow's form further below the target band. ${s.explanations.todayLoadRange} Estimates from your data, not medical advice.`
          : `Today's load range: ${r.minLoad}–${r.maxLoad} (about ${r.remainingMax} more today).${left} ${s.explanations.todayLoadRange} Estimates from your data, not medical advice.`;
}

async function renderSeries() {
  const range = document.getElementById('range').value;
  const data = await api('GET', `/api/athletes/${athleteId}/series?range=${encodeURIComponent(range)}`);
  renderChart(document.getElementById('chart'), null, data.points);
  const last = data.points[data.points.length - 1];
  document.getElementById('chart-summary').textContent = last
    ? `${data.points.length} days shown. On ${last.day}: fitness ${last.fitness}, fatigue ${last.fatigue}, form ${last.form}.`
    : '';
}

function rpeControl(a, own) {
  if (!own) return el('span', { text: a.rpe === null ? '—' : String(a.rpe) });
  const select = el(
    'select',
    { 'aria-label': `Effort rating for ${a.name}` },
    el('option', { value: '', text: '—' }),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) =>
      el('option', { value: n, text: String(n), selected: a.rpe === n }),
    ),
  );
  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      await api('PUT', `/api/me/activities/${encodeURIComponent(a.id)}/rpe`, {
        rpe: select.value === '' ? null : Number(select.value),
      });
    } catch (err) {
      status.textContent = err.message;
    } finally {
      select.disabled = false;
    }
  });
  return select;
}

async function renderActivities(own, more = false) {
  const table = document.getElementById('activities');
  const q = new URLSearchParams({ limit: '20' });
  if (more && nextBefore) q.set('before', nextBefore);
  const data = await api('GET', `/api/athletes/${athleteId}/activities?${q}`);
  if (!more) {
    clear(table.tHead).append(
      el(
        'tr',
        {},
        ['Date', 'Activity', 'Duration', 'Load', 'Estimated from', 'Confidence', 'Effort (RPE)'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
      ),
    );
    clear(table.tBodies[0]);
  }
  for (const a of data.activities) {
    table.tBodies[0].append(
      el(
        'tr',
        {},
        // The activity's own local day (where it was recorded), not the viewer's browser zone.
        el('td', { text: a.localDate }),
        el(
          'td',
          {},
          el('span', { class: 'activity-name', text: a.name }),
          el('br'),
          el('span', {
            class: 'muted small',
            text: `${a.sportType}${a.distanceM === null ? '' : ` · ${fmt.km(a.distanceM)}`} · `,
          }),
          a.refreshPending
            ? el('span', {
                class: 'muted small',
                text: 'Refresh pending (fetching the edited activity from Strava) · ',
              })
            : null,
          el('a', {
            class: 'view-on-strava small',
            href: a.stravaUrl,
            rel: 'noopener noreferrer',
            target: '_blank',
            text: 'View on Strava',
          }),
        ),
        el('td', { text: fmt.duration(a.movingTimeS) }),
        el('td', { text: fmt.num(a.load) }),
        el('td', { text: a.methodLabel ?? 'Not computed yet', title: a.methodExplanation ?? '' }),
        el('td', { text: a.confidence ?? '—', title: a.confidenceExplanation ?? '' }),
        el('td', {}, rpeControl(a, own)),
      ),
    );
  }
  if (!more && data.activities.length === 0)
    table.tBodies[0].append(
      el('tr', {}, el('td', { colspan: 7, class: 'muted', text: 'No activities yet.' })),
    );
  nextBefore = data.next;
  document.getElementById('more-activities').classList.toggle('hidden', !data.next);
}

async function renderAlerts() {
  const data = await api('GET', `/api/athletes/${athleteId}/alerts`);
  const box = clear(document.getElementById('alerts'));
  if (data.alerts.length === 0)
    return box.append(el('p', { class: 'muted', text: 'No recommendations or alerts so far.' }));
  box.append(
    el(
      'ul',
      {},
      data.alerts.map((a) =>
        el(
          'li',
          {},
          el('strong', { text: `${a.localDate}: ${a.recommendation ?? a.rule}` }),
          a.bodyArea ? ` (${a.bodyArea})` : '',
          ` · ${a.status}`,
          a.reasons.length
            ? el(
                'ul',
                { class: 'reasons' },
                a.reasons.map((r) => el('li', { text: r })),
              )
            : null,
        ),
      ),
    ),
  );
}

function renderStatic(s) {
  document.getElementById('athlete-name').textContent = s.athlete.name;
  document.title = `${s.athlete.name} · Kneadwise`;
  clear(document.querySelector('#physiology tbody')).append(
    ...s.physiology.map((p) =>
      el(
        'tr',
        {},
        el('td', { text: p.label }),
        el('td', { text: p.value ?? 'not known' }),
        el('td', { text: [p.sourceLabel, p.basis].filter(Boolean).join(' — ') }),
      ),
    ),
  );
  const races = clear(document.getElementById('races'));
  if (s.races.length === 0) races.append(el('li', { class: 'muted', text: 'No races entered.' }));
  for (const r of s.races) races.append(el('li', { text: `${r.date}: ${r.name} (priority ${r.priority})` }));
}

async function start() {
  const s = await session();
  const own = location.pathname === '/me';
  athleteId = own ? s.user?.athleteId : decodeURIComponent(location.pathname.split('/').pop() ?? '');
  if (!athleteId) return location.assign('/login?next=/me');
  try {
    const summary = await api('GET', `/api/athletes/${encodeURIComponent(athleteId)}`);
    renderStatic(summary);
    renderToday(summary);
    renderBodyMap(document.getElementById('bodymap'), summary.bodyMap, summary.explanations.strain);
    wirePhysiologyForm(athleteId);
    await Promise.all([renderSeries(), renderActivities(own), renderAlerts()]);
    if (own) await renderOwnSections(summary);
    status.textContent = '';
    document.body.dataset.ready = 'true';
  } catch (err) {
    status.textContent = err.message;
    document.body.dataset.ready = 'error';
  }
}

document.getElementById('range').addEventListener('change', () =>
  renderSeries().catch((err) => {
    status.textContent = err.message;
  }),
);
document
  .getElementById('more-activities')
  .addEventListener('click', () => renderActivities(location.pathname === '/me', true));
start();
