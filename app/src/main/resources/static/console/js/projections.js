// Projections: each read model's processor, its lag and rate, a live progress bar with ETA for a
// replay or rebuild (polled every second), the replay and rebuild buttons, and dead letters.
import { call, get, withQuery } from './api.js';
import { h, replace, redraw, every, table, badge, when, duration, problemBox, announce, confirmAction } from './dom.js';

const POLL_MS = 1000;

function progressBar(id, label, progress) {
  const percent = progress.percent;
  return h('div', { class: 'progress' },
    h('progress', { id, max: 100, value: percent, 'aria-label': label }, `${percent}%`),
    h('span', { id: `${id}-text` }, `${percent}% · ETA ${percent >= 100 ? '0 s' : duration(progress.etaSeconds)}`));
}

function work(p, replaysStarted) {
  if (p.replay) return h('div', {}, h('div', {}, 'Replay'), progressBar(`replay-${p.name}`, `Replay of ${p.name}`, p.replay));
  if (replaysStarted.has(p.name)) {
    return h('div', {}, h('div', {}, 'Replay ', badge('done')),
      progressBar(`replay-${p.name}`, `Replay of ${p.name}`, { percent: 100, etaSeconds: 0 }));
  }
  const r = p.rebuild;
  if (!r) return h('span', { class: 'muted' }, 'none');
  const parts = [h('div', {}, 'Rebuild into slot ', r.targetSlot, ' ', badge(r.state))];
  if (r.progress) parts.push(progressBar(`rebuild-${p.name}`, `Rebuild of ${p.name}`, r.progress));
  if (!r.progress && r.state === 'done') {
    parts.push(progressBar(`rebuild-${p.name}`, `Rebuild of ${p.name}`, { percent: 100, etaSeconds: 0 }));
  }
  parts.push(h('div', { class: 'muted' }, 'started ', when(r.startedAt), r.finishedAt ? [' · finished ', when(r.finishedAt)] : null));
  if (r.error) parts.push(h('div', { class: 'problem' }, r.error));
  return h('div', {}, parts);
}

export async function projectionsPage(page) {
  // replays started on this visit of the page: once one is over, its bar stays at 100 % (the API
  // reports a replay only while it runs, and a small one can end between two polls)
  const replaysStarted = new Set();
  const outcome = h('div', { id: 'projection-outcome' });
  const body = h('div', { id: 'projections' });
  replace(page, h('h1', {}, 'Projections'),
    h('p', { class: 'muted' }, 'Read models and their processors on this node, refreshed every second.'),
    outcome, body);

  async function start(name, what) {
    const text = what === 'replay'
      ? `Replays every event into ${name}: it is emptied and filled again, and its queries answer from it as it fills.`
      : `Builds ${name} into its inactive slot while the active one serves queries, then switches.`;
    if (!(await confirmAction(`${what === 'replay' ? 'Replay' : 'Rebuild'} ${name}?`, text, `Start ${what}`))) return;
    try {
      await call(`/admin/projections/${encodeURIComponent(name)}/${what}`, { method: 'POST' });
      if (what === 'replay') replaysStarted.add(name);
      else replaysStarted.delete(name);
      replace(outcome, h('div', { class: 'notice', role: 'status' }, `The ${what} of ${name} started.`));
      announce(`The ${what} of ${name} started`);
      // the next poll (within a second) shows it: a refresh of its own could overlap that poll
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  async function refresh() {
    try {
      const projections = await get('/admin/projections');
      redraw(body, table([
        { label: 'Read model', cell: (p) => h('strong', {}, p.name) },
        { label: 'State', cell: (p) => badge(p.state) },
        { label: 'Slot', cell: (p) => p.activeSlot },
        { label: 'Position / head', num: true, cell: (p) => `${p.position} / ${p.head}` },
        { label: 'Lag', num: true, cell: (p) => h('span', { id: `lag-${p.name}` }, p.lag) },
        { label: 'Events/s', num: true, cell: (p) => p.eventsPerSecond.toFixed(1) },
        { label: 'Replay or rebuild', cell: (p) => work(p, replaysStarted) },
        { label: 'Dead letters', num: true, cell: (p) => h('a', { href: `#/projections/${p.name}/dead-letters`, id: `dead-letters-${p.name}`, 'aria-label': `${p.deadLetters} dead letters of ${p.name}` }, p.deadLetters) },
        { label: 'Actions', cell: (p) => h('div', { class: 'actions' },
          h('button', { type: 'button', id: `replay-${p.name}-button`, 'aria-label': `Replay ${p.name}`, onclick: () => start(p.name, 'replay') }, 'Replay'),
          h('button', { type: 'button', id: `rebuild-${p.name}-button`, 'aria-label': `Rebuild ${p.name}`, onclick: () => start(p.name, 'rebuild') }, 'Rebuild')) },
      ], projections));
    } catch (e) {
      replace(body, problemBox(e));
    }
  }

  await refresh();
  return every(POLL_MS, refresh);
}

export async function projectionDeadLettersPage(page, { args, params }) {
  const [name] = args;
  const outcome = h('div', { id: 'dead-letter-outcome' });
  const list = h('div', {});
  replace(page, h('h1', {}, `Dead letters of ${name}`),
    h('p', {}, h('a', { href: '#/projections' }, '← Projections')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'retry-dead-letters', onclick: retry }, 'Retry all')),
    outcome, list);

  async function retry() {
    try {
      const result = (await call(`/admin/projections/${encodeURIComponent(name)}/dead-letters/retry`, { method: 'POST' })).body;
      replace(outcome, h('div', { class: 'notice', role: 'status' }, `${result.processed} handled; ${result.remaining} still parked.`));
      await load();
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  async function load() {
    const answer = await call(withQuery(`/admin/projections/${encodeURIComponent(name)}/dead-letters`, { limit: 50, cursor: params.get('cursor') }));
    const letters = answer.body.items;
    replace(list, table([
      { label: 'Order (sequence)', cell: (d) => h('span', { class: 'mono' }, d.sequenceIdentifier) },
      { label: 'Event', cell: (d) => [d.payloadType, d.sequenceNumber !== null ? ` #${d.sequenceNumber}` : ''] },
      { label: 'Cause', cell: (d) => [d.causeType ? h('code', {}, d.causeType) : null, ' ', d.causeMessage || ''] },
      { label: 'Parked', cell: (d) => when(d.enqueuedAt) },
      { label: 'Last tried', cell: (d) => when(d.lastTouched) },
    ], letters, 'No dead letters: every event was projected.'),
    answer.body.nextCursor ? h('a', { class: 'button', href: `#/projections/${name}/dead-letters?cursor=${encodeURIComponent(answer.body.nextCursor)}` }, 'Next') : null);
  }

  await load();
  return null;
}
