import { api, clear, el, fmt, renderNav } from './lib.js';

renderNav();
const COLUMNS = [
  ['name', 'Athlete'],
  ['lastActivity', 'Last activity'],
  ['load7d', '7-day load'],
  ['fitness', 'Fitness'],
  ['fatigue', 'Fatigue'],
  ['form', 'Form'],
  ['loadSpikeRatio', 'Load spike'],
  ['monotony', 'Monotony'],
  [null, 'Most strained'],
  ['openRecommendations', 'Open'],
  [null, 'Status'],
  ['attention', 'Attention'],
];
const OPTIONAL = new Set(['monotony', 'loadSpikeRatio', 'lastActivity']);
const TREND_WORDS = { up: 'rising', down: 'falling', flat: 'steady' };
const state = { sort: 'attention', order: undefined, filter: 'all', q: '' };
const table = document.getElementById('overview');
const status = document.getElementById('status');

function header() {
  const row = el('tr');
  for (const [key, label] of COLUMNS) {
    const th = el('th', { scope: 'col', class: OPTIONAL.has(key) ? 'opt' : undefined });
    if (!key) th.textContent = label;
    else {
      const active = state.sort === key;
      th.setAttribute('aria-sort', active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none');
      th.append(el('button', { type: 'button', text: label, onclick: () => sortBy(key) }));
    }
    row.append(th);
  }
  clear(table.tHead).append(row);
}

function trendCell(value, trend, digits = 0) {
  const td = el('td', { text: fmt.num(value, digits) });
  if (trend) {
    const span = el('span', { class: `trend-${trend}`, title: TREND_WORDS[trend] });
    span.append(el('span', { class: 'skip', text: ` (${TREND_WORDS[trend]} over 7 days)` }));
    td.append(span);
  }
  return td;
}

function row(a) {
  const status = a.calibrating
    ? 'Calibrating'
    : a.connectionState === 'connected'
      ? a.importState === 'done'
        ? 'OK'
        : `Importing (${a.importState})`
      : 'Reconnect needed';
  const reasons = el(
    'ul',
    { class: 'reasons' },
    a.attention.reasons.map((r) => el('li', { text: r })),
  );
  return el(
    'tr',
    { class: a.attention.score > 0 ? 'attention' : undefined },
    el('td', {}, el('a', { href: `/athletes/${encodeURIComponent(a.athleteId)}`, text: a.name })),
    el(
      'td',
      { class: 'opt' },
      a.lastActivity
        ? [
            el('span', { text: a.lastActivity.name }),
            el('br'),
            el('span', {
              class: 'muted small',
              text: `${a.lastActivity.sportType} · ${a.lastActivity.localDate ? fmt.day(a.lastActivity.localDate) : fmt.date(a.lastActivity.at)}`,
            }),
          ]
        : '—',
    ),
    el('td', { text: fmt.num(a.load7d) }),
    trendCell(a.fitness, a.trends.fitness),
    trendCell(a.fatigue, a.trends.fatigue),
    trendCell(a.form, a.trends.form),
    el('td', { class: 'opt', text: fmt.num(a.loadSpikeRatio, 2) }),
    el('td', { class: 'opt', text: fmt.num(a.monotony, 1) }),
    el('td', { text: a.mostStrained ? `${a.mostStrained.label} (${a.mostStrained.state})` : '—' }),
    el('td', { text: String(a.openRecommendations) }),
    el('td', { text: status }),
    el(
      'td',
      {},
      a.attention.reasons.length ? reasons : el('span', { class: 'muted', text: 'Nothing flagged' }),
    ),
  );
}

async function load() {
  const params = new URLSearchParams({ sort: state.sort, filter: state.filter });
  if (state.order) params.set('order', state.order);
  if (state.q) params.set('q', state.q);
  status.textContent = 'Loading…';
  try {
    const data = await api('GET', `/api/coach/overview?${params}`);
    header();
    clear(table.tBodies[0]).append(...data.athletes.map(row));
    status.textContent =
      data.total === 0
        ? 'No athletes yet. Create an invite link and send it to an athlete.'
        : `Showing ${data.shown} of ${data.total} athletes.`;
  } catch (err) {
    status.textContent = err.message;
  }
}

function sortBy(key) {
  state.order =
    state.sort === key ? (state.order === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
  state.sort = key;
  load();
}

document.getElementById('filter').addEventListener('change', (e) => {
  state.filter = e.target.value;
  load();
});
let typing;
document.getElementById('search').addEventListener('input', (e) => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.q = e.target.value.trim();
    load();
  }, 250);
});
load();
