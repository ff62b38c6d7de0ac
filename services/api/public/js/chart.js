// Fitness/fatigue/form lines over daily load bars, drawn with uPlot (vendored from node_modules, served by the app).
import { clear, el } from './lib.js';

let plot;

function toEpochS(day) {
  return Date.parse(`${day}T12:00:00Z`) / 1000;
}

export function renderChart(container, summary, points) {
  if (plot) plot.destroy();
  clear(container);
  if (!window.uPlot) {
    container.append(el('p', { class: 'error', text: 'The chart library did not load.' }));
    return;
  }
  if (points.length === 0) {
    container.append(
      el('p', {
        class: 'muted',
        text: 'No training history yet. The chart fills in as activities are imported.',
      }),
    );
    return;
  }
  const data = [
    points.map((p) => toEpochS(p.day)),
    points.map((p) => p.load),
    points.map((p) => p.fitness),
    points.map((p) => p.fatigue),
    points.map((p) => p.form),
  ];
  const bars = window.uPlot.paths.bars({ size: [0.8, 8] });
  const widthOf = () =>
    Math.max(280, Math.floor(container.parentElement?.getBoundingClientRect().width ?? 600));
  const width = widthOf();
  plot = new window.uPlot(
    {
      width,
      height: 320,
      scales: { x: { time: true }, load: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
      axes: [
        {},
        { scale: 'y', label: 'Fitness / fatigue / form' },
        { scale: 'load', side: 1, label: 'Daily load', grid: { show: false } },
      ],
      series: [
        {},
        {
          label: 'Daily load',
          scale: 'load',
          paths: bars,
          fill: 'rgba(89,99,110,0.35)',
          stroke: 'rgba(89,99,110,0.6)',
          points: { show: false },
        },
        { label: 'Fitness', stroke: '#0b5cad', width: 2, points: { show: false } },
        { label: 'Fatigue', stroke: '#b42318', width: 2, points: { show: false } },
        { label: 'Form', stroke: '#1a7f37', width: 2, dash: [6, 4], points: { show: false } },
      ],
    },
    data,
    container,
  );
  window.addEventListener(
    'resize',
    () => plot?.setSize({ width: Math.max(280, container.clientWidth), height: 320 }),
    { once: true },
  );
  return plot;
}
