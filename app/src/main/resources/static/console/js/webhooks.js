// Webhooks: subscriptions with their recent delivery success, one subscription's delivery log
// and its actions (pause, resume, rotate the secret, send a test), and the dead letters with
// redrive by selection or by subscription.
import { call, get, withQuery, localPath } from './api.js';
import { h, replace, redraw, table, badge, when, problemBox, announce, confirmAction, facts } from './dom.js';

const RECENT = 50;

/** Of the latest deliveries' attempts, how many got a 2xx: the endpoint's recent success rate. */
function successRate(deliveries) {
  const attempts = deliveries.flatMap((d) => d.attempts);
  if (!attempts.length) return { text: 'no attempts yet', rate: null };
  const ok = attempts.filter((a) => a.statusCode >= 200 && a.statusCode < 300).length;
  const rate = Math.round((100 * ok) / attempts.length);
  return { text: `${rate}% of ${attempts.length} attempts`, rate };
}

/** What holds the endpoint back now (its breaker open, a rate limit), from its pending deliveries. */
function heldBecause(deliveries) {
  const held = deliveries.find((d) => d.status === 'PENDING' && d.heldBecause);
  return held ? held.heldBecause : null;
}

export async function webhooksPage(page, { may }) {
  const body = h('div', {});
  replace(page, h('h1', {}, 'Webhooks'),
    h('p', {}, may('admin') ? h('a', { href: '#/webhooks/dead-letters', id: 'all-dead-letters' }, 'Dead letters of every subscription') : null),
    body);
  const subscriptions = [];
  // every page of them (up to 1,000: a console's overview, not an export)
  let next = withQuery('/api/v1/webhook-subscriptions', { limit: 100 });
  for (let pages = 0; next && pages < 10; pages += 1) {
    const answer = await get(next);
    subscriptions.push(...answer.items);
    next = answer.links.next ? localPath(answer.links.next) : null;
  }
  // each subscription with its latest deliveries and its endpoint's breaker, fetched side by side
  const rows = await Promise.all(subscriptions.map(async (subscription) => {
    const [recent, endpoint] = await Promise.all([
      get(withQuery(`/api/v1/webhook-subscriptions/${subscription.id}/deliveries`, { limit: RECENT }))
        .then((p) => p.items).catch(() => []),
      get(`/api/v1/webhook-subscriptions/${subscription.id}/endpoint`).catch(() => null),
    ]);
    return { subscription, recent, endpoint };
  }));
  replace(body, table([
    { label: 'Endpoint', cell: (r) => h('a', { href: `#/webhooks/${r.subscription.id}`, class: 'mono' }, r.subscription.url) },
    { label: 'Events', cell: (r) => eventTypes(r.subscription) },
    { label: 'Status', cell: (r) => badge(r.subscription.status) },
    { label: `Success (last ${RECENT} deliveries)`, cell: (r) => successCell(r.recent) },
    { label: 'Breaker', cell: (r) => breaker(r.endpoint) },
    { label: 'Held back', cell: (r) => heldBecause(r.recent) || h('span', { class: 'muted' }, 'no') },
    { label: 'Dead', num: true, cell: (r) => r.recent.filter((d) => d.status === 'DEAD').length },
  ], rows, 'No subscriptions yet.'));
  return null;
}

function eventTypes(subscription) {
  return subscription.eventTypes.length ? subscription.eventTypes.join(', ') : 'all events';
}

/** The endpoint's circuit breaker on the node that answered, with the failure rate it judges by. */
function breaker(endpoint) {
  if (!endpoint) return h('span', { class: 'muted' }, 'unknown');
  if (!endpoint.dispatcherHere) return h('span', { class: 'muted' }, 'unknown on this node (it does not dispatch)');
  const rate = endpoint.failureRatePercent === null ? '' : ` · ${Math.round(endpoint.failureRatePercent)}% failed`;
  return h('span', {}, badge(endpoint.breaker), h('span', { class: 'muted' }, ` ${endpoint.bufferedAttempts} attempts${rate}`));
}

function successCell(deliveries) {
  const { text, rate } = successRate(deliveries);
  const tone = rate === null ? '' : rate >= 95 ? 'ok' : rate >= 50 ? 'warn' : 'bad';
  return h('span', { class: `badge ${tone}` }, text);
}

export async function subscriptionPage(page, { args, may }) {
  const [id] = args;
  const base = `/api/v1/webhook-subscriptions/${encodeURIComponent(id)}`;
  const outcome = h('div', { id: 'subscription-outcome' });

  async function act(label, path, confirmText) {
    if (confirmText && !(await confirmAction(`${label}?`, confirmText, label))) return;
    try {
      const answer = (await call(`${base}/${path}`, { method: 'POST' })).body;
      await load();
      if (answer && answer.secret) {
        replace(outcome, h('div', { class: 'notice', role: 'status' },
          'New signing secret (shown this once): ', h('code', { id: 'new-secret' }, answer.secret),
          `. The previous one is accepted until ${new Date(answer.previousSecretExpiresAt).toLocaleString()}.`));
      } else {
        replace(outcome, h('div', { class: 'notice', role: 'status' }, `${label}: done.`));
      }
      announce(`${label}: done`);
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  async function load() {
    const [subscription, deliveries, endpoint] = await Promise.all([
      get(base), get(withQuery(`${base}/deliveries`, { limit: RECENT })), get(`${base}/endpoint`)]);
    redraw(page,
      h('p', {}, h('a', { href: '#/webhooks' }, '← Webhooks')),
      h('h1', {}, 'Subscription ', h('span', { class: 'mono' }, subscription.url)),
      h('div', { class: 'card' }, facts([
        ['Status', h('span', { id: 'subscription-status' }, badge(subscription.status))],
        ['Events', eventTypes(subscription)],
        ['Recent success', successCell(deliveries.items)],
        ['Circuit breaker', h('span', { id: 'breaker-state' }, breaker(endpoint))],
        ['Held back', heldBecause(deliveries.items) || 'no'],
        ['Created', when(subscription.createdAt)],
        ['Id', h('code', {}, subscription.id)],
      ]),
      h('div', { class: 'actions' },
        subscription.status === 'PAUSED'
          ? h('button', { type: 'button', id: 'resume', onclick: () => act('Resume', 'resume') }, 'Resume')
          : h('button', { type: 'button', id: 'pause', onclick: () => act('Pause', 'pause') }, 'Pause'),
        h('button', { type: 'button', id: 'rotate', onclick: () => act('Rotate secret', 'secret/rotate', 'A new signing secret replaces the current one, which stays valid for a while so the receiver can switch.') }, 'Rotate secret'),
        h('button', { type: 'button', id: 'test-send', onclick: () => act('Send a test event', 'test') }, 'Send a test event'),
        may('admin') ? h('a', { class: 'button', href: `#/webhooks/dead-letters?subscriptionId=${subscription.id}`, id: 'subscription-dead-letters' }, 'Dead letters') : null),
      outcome),
      h('h2', {}, 'Deliveries (newest first)'),
      table([
        { label: 'Event', cell: (d) => [d.eventType, h('br'), h('code', {}, d.webhookId)] },
        { label: 'Order', cell: (d) => (d.orderId ? h('a', { href: `#/orders/${d.orderId}`, class: 'mono' }, d.orderId.slice(0, 8)) : '—') },
        { label: 'Status', cell: (d) => [badge(d.status), d.heldBecause ? h('div', { class: 'muted' }, d.heldBecause) : null] },
        { label: 'Attempts', cell: (d) => h('ol', {}, d.attempts.map((a) => h('li', {},
          a.statusCode ? `HTTP ${a.statusCode}` : 'no answer', ` in ${a.latencyMs} ms, `, when(a.attemptedAt), a.error ? ` — ${a.error}` : ''))) },
        { label: 'Next attempt', cell: (d) => when(d.nextAttemptAt) },
      ], deliveries.items, 'No deliveries yet.'));
  }

  await load();
  return null;
}

export async function webhookDeadLettersPage(page, { params }) {
  const subscriptionId = params.get('subscriptionId');
  const outcome = h('div', { id: 'redrive-outcome' });
  const list = h('div', { id: 'dead-letters' });
  replace(page,
    h('p', {}, h('a', { href: subscriptionId ? `#/webhooks/${subscriptionId}` : '#/webhooks' }, '← Back')),
    h('h1', {}, 'Webhook dead letters'),
    subscriptionId ? h('p', {}, 'Of subscription ', h('code', {}, subscriptionId)) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'redrive-selected', onclick: redriveSelected }, 'Redrive selected'),
      subscriptionId ? h('button', { type: 'button', id: 'redrive-all', onclick: redriveAll }, 'Redrive all of this subscription') : null),
    outcome, list);

  async function redrive(request) {
    try {
      const result = (await call('/admin/webhooks/dead-letters/redrive', { method: 'POST', body: request })).body;
      replace(outcome, h('div', { class: 'notice', role: 'status', id: 'redrive-result' }, `${result.requeued} dead letters queued again.`));
      announce(`${result.requeued} dead letters queued again`);
      await load();
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  function redriveSelected() {
    const ids = [...list.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);
    return redrive({ deliveryIds: ids });
  }

  async function redriveAll() {
    if (await confirmAction('Redrive every dead letter?', `All dead letters of subscription ${subscriptionId} are sent again, from the start of the retry schedule.`, 'Redrive all')) {
      await redrive({ subscriptionId });
    }
  }

  async function load() {
    const letters = (await get(withQuery('/admin/webhooks/dead-letters', { subscriptionId, limit: 100 }))).items;
    replace(list, table([
      { label: 'Select', cell: (d) => h('input', { type: 'checkbox', value: d.deliveryId, 'aria-label': `Select ${d.eventType} ${d.webhookId}` }) },
      { label: 'Event', cell: (d) => [d.eventType, h('br'), h('code', {}, d.webhookId)] },
      { label: 'Subscription', cell: (d) => h('a', { href: `#/webhooks/${d.subscriptionId}`, class: 'mono' }, d.subscriptionId.slice(0, 8)) },
      { label: 'Why', cell: (d) => d.reason },
      { label: 'Attempts', num: true, cell: (d) => d.attempts },
      { label: 'Dead since', cell: (d) => when(d.deadAt) },
    ], letters, 'No dead letters.'));
  }

  await load();
  return null;
}
