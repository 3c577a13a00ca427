// Small hand-drawn SVG charts, drawn at the container's pixel width so text stays legible; colours come from the CSS.

import { s } from './dom.js';

const PAD = { top: 12, right: 16, bottom: 28, left: 64 };

/** A round upper bound (1, 2 or 5 × 10^k) and its tick step, for an axis from zero to at least max. */
function niceScale(max, ticks = 4) {
  if (!(max > 0)) {
    return { top: ticks, step: 1 };
  }
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough);
  return { top: step * Math.ceil(max / step), step };
}

function frame(width, height, label) {
  return s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart' });
}

function yAxis(svg, width, height, scale, format) {
  const plotHeight = height - PAD.top - PAD.bottom;
  for (let value = 0; value <= scale.top + 1e-9; value += scale.step) {
    const y = PAD.top + plotHeight - (value / scale.top) * plotHeight;
    svg.append(s('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, class: value === 0 ? 'axis' : 'grid' }));
    svg.append(s('text', { x: PAD.left - 8, y: y + 4, 'text-anchor': 'end', class: 'tick' }, format(value)));
  }
}

/**
 * Vertical bars, one per item {value, tick, title}; ticks shown every tickEvery items.
 */
export function barChart(width, { items, height = 220, label, format = String, tickEvery = 1 }) {
  const svg = frame(width, height, label);
  const max = Math.max(0, ...items.map((item) => item.value));
  const scale = niceScale(max);
  yAxis(svg, width, height, scale, format);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(items.length, 1);
  const barWidth = Math.max(2, slot * 0.7);
  items.forEach((item, i) => {
    const barHeight = (item.value / scale.top) * plotHeight;
    const x = PAD.left + i * slot + (slot - barWidth) / 2;
    const bar = s('rect', { x, y: PAD.top + plotHeight - barHeight, width: barWidth, height: Math.max(barHeight, 0), class: 'bar' },
      s('title', {}, item.title));
    svg.append(bar);
    if (i % tickEvery === 0) {
      svg.append(s('text', { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle', class: 'tick' }, item.tick));
    }
  });
  return svg;
}

/**
 * A share from 0 to 100 % per item {value (0–1 or null), tick, title}: a line through the days with a value, dots on
 * each, nothing where there is no value.
 */
export function shareChart(width, { items, height = 220, label, format }) {
  const svg = frame(width, height, label);
  yAxis(svg, width, height, { top: 1, step: 0.25 }, format);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(items.length, 1);
  const tickEvery = Math.max(1, Math.ceil(items.length / Math.max(1, Math.floor(plotWidth / 56))));
  const point = (item, i) => [PAD.left + i * slot + slot / 2, PAD.top + plotHeight - item.value * plotHeight];
  let path = '';
  items.forEach((item, i) => {
    if (item.value == null) {
      return;
    }
    const [x, y] = point(item, i);
    path += `${path && items[i - 1]?.value != null ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  if (path) {
    svg.append(s('path', { d: path, class: 'line' }));
  }
  items.forEach((item, i) => {
    const [x, y] = point({ value: item.value ?? 0 }, i);
    if (item.value != null) {
      svg.append(s('circle', { cx: x, cy: y, r: 4, class: 'dot' }, s('title', {}, item.title)));
    } else {
      svg.append(s('circle', { cx: x, cy: PAD.top + plotHeight, r: 2.5, class: 'dot-empty' }, s('title', {}, item.title)));
    }
    if (i % tickEvery === 0) {
      svg.append(s('text', { x, y: height - 8, 'text-anchor': 'middle', class: 'tick' }, item.tick));
    }
  });
  return svg;
}

/**
 * Amounts over time, points {time (ms), value, kind: 'this' | 'alerted' | 'normal', title}: a thin line in time order,
 * the alerted transaction marked.
 */
export function timeChart(width, { points, height = 240, label, format, timeTick }) {
  const svg = frame(width, height, label);
  const max = Math.max(0, ...points.map((p) => p.value));
  const scale = niceScale(max);
  yAxis(svg, width, height, scale, format);
  const plotWidth = width - PAD.left - PAD.right - 8;
  const plotHeight = height - PAD.top - PAD.bottom;
  const times = points.map((p) => p.time);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = Math.max(last - first, 1);
  const x = (time) => PAD.left + 8 + ((time - first) / span) * plotWidth;
  const y = (value) => PAD.top + plotHeight - (value / scale.top) * plotHeight;
  const ticks = Math.max(2, Math.min(6, Math.floor(plotWidth / 110)));
  for (let i = 0; i <= ticks; i++) {
    const time = first + (span * i) / ticks;
    svg.append(s('text', { x: x(time), y: height - 8, 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle', class: 'tick' },
      timeTick(time)));
  }
  const ordered = [...points].sort((a, b) => a.time - b.time);
  svg.append(s('path', { d: ordered.map((p, i) => `${i ? 'L' : 'M'}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(''), class: 'line faint' }));
  const drawOrder = { normal: 0, alerted: 1, this: 2 };
  [...ordered].sort((a, b) => drawOrder[a.kind] - drawOrder[b.kind]).forEach((p) => {
    const cx = x(p.time);
    const cy = y(p.value);
    if (p.kind === 'this') {
      svg.append(s('line', { x1: cx, x2: cx, y1: PAD.top, y2: PAD.top + plotHeight, class: 'marker-line' }));
      svg.append(s('circle', { cx, cy, r: 9, class: 'marker-halo' }));
    }
    svg.append(s('circle', { cx, cy, r: p.kind === 'normal' ? 3.5 : 5.5, class: `point point-${p.kind}`, 'data-kind': p.kind },
      s('title', {}, p.title)));
  });
  return svg;
}
