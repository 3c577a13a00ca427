// A case's network as SVG: the case's accounts in the middle (on a small circle when accounts were linked into it),
// what they used and paid on the first ring, the accounts linked through them on the second, each placed beside the
// first-ring nodes it links to. No physics, so the same network is always drawn the same way.

import { s } from './dom.js';

const SHAPES = { account: 'circle', device: 'rect', ip: 'diamond', merchant: 'square' };

/** x, y for every node: the case's accounts in the middle, rings by depth, second-ring nodes at the mean angle of their first-ring neighbours. */
export function layout(network, width, height) {
  const cx = width / 2;
  const cy = height / 2;
  const r1 = Math.min(width * 0.5, height) * 0.28;
  const r2 = Math.min(width * 0.5, height) * 0.45;
  const at = new Map();
  const angle = new Map();
  const ring = (depth) => network.nodes.filter((n) => n.depth === depth);
  const roots = ring(0);
  const r0 = roots.length > 1 ? r1 * 0.4 : 0;
  roots.forEach((node, i) => {
    const a = (2 * Math.PI * i) / roots.length + Math.PI;
    at.set(node.id, { x: cx + r0 * Math.cos(a), y: cy + r0 * Math.sin(a) });
  });
  const first = ring(1);
  first.forEach((node, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, first.length) - Math.PI / 2;
    angle.set(node.id, a);
    at.set(node.id, { x: cx + r1 * Math.cos(a), y: cy + r1 * Math.sin(a) });
  });
  const neighbours = new Map();
  for (const edge of network.edges) {
    for (const [a, b] of [[edge.from, edge.to], [edge.to, edge.from]]) {
      if (!neighbours.has(a)) {
        neighbours.set(a, []);
      }
      neighbours.get(a).push(b);
    }
  }
  const second = ring(2).map((node) => {
    const near = (neighbours.get(node.id) ?? []).filter((id) => angle.has(id)).map((id) => angle.get(id));
    const mean = near.length
      ? Math.atan2(near.reduce((sum, a) => sum + Math.sin(a), 0), near.reduce((sum, a) => sum + Math.cos(a), 0))
      : 0;
    return { node, mean };
  }).sort((a, b) => a.mean - b.mean);
  const spread = second.length ? (2 * Math.PI) / second.length : 0;
  second.forEach(({ node, mean }, i) => {
    // near its neighbours, but never on top of the one placed before it
    const a = i === 0 ? mean : Math.max(mean, angle.get(second[i - 1].node.id) + Math.min(spread, 0.35));
    angle.set(node.id, a);
    at.set(node.id, { x: cx + r2 * Math.cos(a), y: cy + r2 * Math.sin(a) });
  });
  return at;
}

function shape(node, { x, y }) {
  const size = node.depth === 0 ? 16 : 11;
  switch (SHAPES[node.kind]) {
    case 'rect':
      return s('rect', { x: x - size, y: y - size * 0.7, width: size * 2, height: size * 1.4, rx: 3 });
    case 'diamond':
      return s('polygon', { points: `${x},${y - size} ${x + size},${y} ${x},${y + size} ${x - size},${y}` });
    case 'square':
      return s('rect', { x: x - size * 0.8, y: y - size * 0.8, width: size * 1.6, height: size * 1.6 });
    default:
      return s('circle', { cx: x, cy: y, r: size });
  }
}

/** Why a node is marked, in order of weight: confirmed fraud, on a block list, alerted. */
export function risk(node) {
  if (node.frauds > 0) {
    return 'fraud';
  }
  if (node.blocked) {
    return 'blocked';
  }
  return node.alerts > 0 ? 'alerted' : 'clear';
}

/**
 * The network drawn at {@code width}; {@code describe(node)} gives each node's title, {@code open(node)} is called
 * when an account with a case is clicked or activated with the keyboard.
 */
export function networkChart(width, network, { label, describe, open }) {
  const height = Math.max(320, Math.min(480, Math.round(width * 0.5)));
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart network' });
  const at = layout(network, width, height);
  for (const edge of network.edges) {
    const a = at.get(edge.from);
    const b = at.get(edge.to);
    if (a && b) {
      svg.append(s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: ['edge', `edge-${edge.link}`].join(' '),
        'stroke-width': Math.min(4, 1 + Math.log2(edge.transactions)) }));
    }
  }
  for (const node of network.nodes) {
    const point = at.get(node.id);
    const clickable = node.kind === 'account' && node.case_id;
    const group = s('g', {
      class: ['node', `node-${node.kind}`, `risk-${risk(node)}`, node.depth === 0 ? 'node-seed' : null, clickable ? 'node-link' : null]
        .filter(Boolean).join(' '),
      'data-node': node.id, 'data-label': node.label, tabindex: clickable ? 0 : null, role: clickable ? 'link' : null,
      onclick: clickable ? () => open(node) : null,
      onkeydown: clickable ? (e) => { if (e.key === 'Enter') { open(node); } } : null,
    }, s('title', {}, describe(node)), shape(node, point),
    s('text', { x: point.x, y: point.y + (node.depth === 0 ? 30 : 24), 'text-anchor': 'middle', class: 'node-label' }, node.label));
    svg.append(group);
  }
  return svg;
}
