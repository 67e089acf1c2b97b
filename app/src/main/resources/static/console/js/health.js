// Health at a glance: each component's readiness, the cluster's members, and small charts of
// projection and relay lag, webhooks in flight and the dead-letter queue over the last minutes,
// sampled from the health endpoint's details (the same figures the metrics export) every 5 s.
import { get } from './api.js';
import { h, replace, every, table, badge, when } from './dom.js';

const SAMPLE_MS = 5000;
const WINDOW_MS = 10 * 60 * 1000;
// kept while the tab lives, so coming back to the page shows the minutes already seen
const series = new Map();

const CHARTS = [
  ['Projection lag (most behind)', (c) => Math.max(0, ...Object.entries(c.projections?.details || {})
    .filter(([name]) => name !== 'maxLag').map(([, lag]) => Number(lag) || 0)), 'events'],
  ['Relay lag', (c) => c.relay?.details?.lag ?? 0, 'events'],
  ['Webhooks in flight', (c) => c.webhooks?.details?.inFlight ?? 0, 'attempts'],
  ['Webhook dead letters', (c) => c.webhooks?.details?.deadLetters ?? 0, 'deliveries'],
  ['Webhook consumer lag', (c) => c.webhooks?.details?.consumerLag ?? 0, 'records'],
  ['Intake in use', (c) => c.intake?.details?.inUse ?? 0, 'requests'],
];

function record(name, value, now) {
  const points = series.get(name) || [];
  points.push([now, value]);
  while (points.length && points[0][0] < now - WINDOW_MS) points.shift();
  series.set(name, points);
  return points;
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, String(value)));
  return element;
}

/** The samples of the last 10 minutes, right-aligned at now: a line, with each sample a dot. */
function sparkline(points, now) {
  const chart = svg('svg', { viewBox: '0 0 300 60', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  const max = Math.max(1, ...points.map(([, v]) => v));
  // the minutes seen so far, up to ten (at least one): a new tab's first samples are not a dot
  const span = Math.min(WINDOW_MS, Math.max(60 * 1000, points.length ? now - points[0][0] : 0));
  const x = (t) => (300 * (t - (now - span))) / span;
  const y = (v) => 56 - (52 * v) / max;
  chart.append(svg('line', { x1: 0, y1: 57, x2: 300, y2: 57, class: 'axis' }));
  chart.append(svg('polyline', { points: points.map(([t, v]) => `${x(t)},${y(v)}`).join(' ') }));
  points.forEach(([t, v]) => chart.append(svg('circle', { cx: x(t), cy: y(v), r: 2 })));
  return chart;
}

const BYTES = ['B', 'KB', 'MB', 'GB', 'TB'];

function bytes(value) {
  let amount = Number(value);
  let unit = 0;
  while (amount >= 1000 && unit < BYTES.length - 1) {
    amount /= 1000;
    unit += 1;
  }
  return `${amount.toFixed(unit ? 1 : 0)} ${BYTES[unit]}`;
}

/** A component's details in a line; disk space as free of total (not the server's paths). */
function details(name, c) {
  if (!c.details) return '';
  if (name === 'diskSpace') {
    return `free ${bytes(c.details.free)} of ${bytes(c.details.total)} (down below ${bytes(c.details.threshold)})`;
  }
  return Object.entries(c.details).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ');
}

export async function healthPage(page) {
  const components = h('div', { id: 'components' });
  const charts = h('div', { class: 'grid', id: 'charts' });
  const cluster = h('div', { id: 'cluster' });
  replace(page, h('h1', {}, 'Health'),
    h('h2', {}, 'The last 10 minutes'), charts,
    h('h2', {}, 'Components'), components,
    h('h2', {}, 'Cluster'), cluster);

  async function sample() {
    const now = Date.now();
    let health;
    try {
      health = await get('/actuator/health');
    } catch (e) {
      // 503 while not ready: the body is still the health document (any other failure is not)
      health = e.document && e.document.components ? e.document : { status: 'DOWN', components: {} };
    }
    const parts = health.components || {};
    replace(components, h('p', {}, 'Overall: ', h('span', { id: 'overall' }, badge(health.status))), table([
      { label: 'Component', cell: ([name]) => name },
      { label: 'Status', cell: ([, c]) => badge(c.status) },
      { label: 'Details', cell: ([name, c]) => h('code', {}, details(name, c)) },
    ], Object.entries(parts)));
    replace(charts, CHARTS.map(([title, read, unit]) => {
      const points = record(title, read(parts), now);
      const latest = points.length ? points[points.length - 1][1] : 0;
      return h('figure', { class: 'card chart', 'aria-label': `${title}: ${latest} ${unit} now` },
        h('figcaption', {}, title), h('div', { class: 'value' }, `${latest} `, h('span', { class: 'muted' }, unit)),
        sparkline(points, now));
    }));
    try {
      const members = await get('/admin/cluster');
      replace(cluster, table([
        { label: 'Node', cell: (m) => [m.id, m.id === members.self ? ' (this one)' : ''] },
        { label: 'State', cell: (m) => badge(m.state) },
        { label: 'Ready', cell: (m) => badge(m.metadata?.ready ? 'UP' : 'DOWN') },
        { label: 'Address', cell: (m) => m.metadata?.httpAddress || '' },
        { label: 'Version / track', cell: (m) => `${m.metadata?.version || ''} / ${m.metadata?.track || ''}` },
        { label: 'Last heard', cell: (m) => when(m.lastHeard) },
      ], members.members));
    } catch (e) {
      replace(cluster, h('p', { class: 'muted' }, 'No cluster membership on this node.'));
    }
  }

  await sample();
  return every(SAMPLE_MS, sample);
}
