// A simple front/back body outline (SVG, built with the DOM) with each area coloured by its estimated state.
import { clear, el } from './lib.js';

const NS = 'http://www.w3.org/2000/svg';
const STATE_WORDS = {
  fresh: 'within usual range',
  loaded: 'working harder than usual',
  strained: 'likely sore',
  recovering: 'recovering',
};

// Shapes per area: [view, kind, attributes]. Front view x 0-100, back view x 110-210.
const SHAPES = {
  neckShoulders: [
    ['front', 'rect', { x: 28, y: 24, width: 44, height: 10, rx: 4 }],
    ['back', 'rect', { x: 138, y: 24, width: 44, height: 12, rx: 4 }],
  ],
  arms: [
    ['front', 'rect', { x: 14, y: 34, width: 10, height: 52, rx: 4 }],
    ['front', 'rect', { x: 76, y: 34, width: 10, height: 52, rx: 4 }],
    ['back', 'rect', { x: 124, y: 34, width: 10, height: 52, rx: 4 }],
    ['back', 'rect', { x: 186, y: 34, width: 10, height: 52, rx: 4 }],
  ],
  lowerBack: [['back', 'rect', { x: 142, y: 62, width: 36, height: 18, rx: 3 }]],
  glutesHips: [
    ['front', 'rect', { x: 30, y: 80, width: 40, height: 14, rx: 5 }],
    ['back', 'rect', { x: 140, y: 80, width: 40, height: 20, rx: 6 }],
  ],
  quads: [
    ['front', 'rect', { x: 31, y: 96, width: 16, height: 40, rx: 5 }],
    ['front', 'rect', { x: 53, y: 96, width: 16, height: 40, rx: 5 }],
  ],
  hamstrings: [
    ['back', 'rect', { x: 141, y: 102, width: 16, height: 36, rx: 5 }],
    ['back', 'rect', { x: 163, y: 102, width: 16, height: 36, rx: 5 }],
  ],
  calves: [
    ['back', 'rect', { x: 142, y: 142, width: 14, height: 34, rx: 5 }],
    ['back', 'rect', { x: 164, y: 142, width: 14, height: 34, rx: 5 }],
    ['front', 'rect', { x: 33, y: 140, width: 12, height: 36, rx: 4 }],
    ['front', 'rect', { x: 55, y: 140, width: 12, height: 36, rx: 4 }],
  ],
};

function svg(tag, attrs) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function outline(root, dx) {
  root.append(svg('circle', { cx: 50 + dx, cy: 12, r: 10, class: 'outline' }));
  root.append(svg('rect', { x: 26 + dx, y: 24, width: 48, height: 72, rx: 10, class: 'outline' }));
  root.append(svg('rect', { x: 29 + dx, y: 94, width: 42, height: 86, rx: 8, class: 'outline' }));
}

function figure(areas, key, title) {
  const root = svg('svg', {
    viewBox: '0 0 210 184',
    role: 'img',
    'aria-label': `${title}: body map of estimated strain`,
  });
  outline(root, 0);
  outline(root, 110);
  for (const a of areas) {
    for (const [, kind, attrs] of SHAPES[a.area] ?? []) {
      const shape = svg(kind, { ...attrs, class: `state-${a[key]}` });
      const t = svg('title', {});
      t.textContent = `${a.label}: ${STATE_WORDS[a[key]] ?? a[key]}`;
      shape.append(t);
      root.append(shape);
    }
  }
  const labels = svg('g', { 'font-size': 8, fill: '#59636e' });
  const front = svg('text', { x: 38, y: 183 });
  front.textContent = 'front';
  const back = svg('text', { x: 150, y: 183 });
  back.textContent = 'back';
  labels.append(front, back);
  root.append(labels);
  return el('figure', { class: 'bodymap' }, root, el('figcaption', { text: title }));
}

/** Tomorrow's state comes from the projected index; "now" uses the same thresholds on today's index. */
function stateOf(index) {
  return index >= 1.5 ? 'strained' : index >= 1.2 ? 'loaded' : 'fresh';
}

export function renderBodyMap(container, bodyMap, explanation) {
  clear(container);
  const areas = bodyMap.areas.map((a) => ({
    ...a,
    nowState: a.state === 'recovering' ? 'recovering' : stateOf(a.indexNow),
    tomorrowState: a.state,
  }));
  container.append(
    el(
      'div',
      { class: 'bodymaps' },
      figure(areas, 'nowState', 'Now'),
      figure(areas, 'tomorrowState', 'Tomorrow (no more training)'),
    ),
  );
  container.append(
    el(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      Object.entries(STATE_WORDS).map(([s, w]) =>
        el('li', {}, el('span', { class: `swatch state-${s}-bg`, 'data-state': s }), w),
      ),
    ),
  );
  const table = el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Area', 'Now (× usual)', 'Tomorrow (× usual)', 'Estimate'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      areas.map((a) =>
        el(
          'tr',
          {},
          el('td', { text: a.label }),
          el('td', { text: a.indexNow.toFixed(2) }),
          el('td', { text: a.indexTomorrow.toFixed(2) }),
          el('td', { text: a.stateText }),
        ),
      ),
    ),
  );
  container.append(el('div', { class: 'table-wrap' }, table));
  if (explanation) container.append(el('p', { class: 'muted small', text: explanation }));
}
