// Orders: the keyset-paginated list with its filters, and one order with its timeline and the
// changes the API allows (each with If-Match: the version the operator is looking at).
import { call, get, withQuery, localPath, Problem } from './api.js';
import { h, replace, redraw, table, facts, badge, when, money, problemBox, announce, confirmAction } from './dom.js';

const STATUSES = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

export async function ordersPage(page, { params }) {
  const filters = {
    status: params.get('status') || '',
    customerId: params.get('customerId') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
  const form = h('form', { class: 'filters', id: 'order-filters', role: 'search', 'aria-label': 'Filter orders' },
    h('label', {}, 'Status', h('select', { name: 'status', id: 'filter-status' },
      h('option', { value: '' }, 'Any'),
      STATUSES.map((s) => h('option', { value: s, selected: s === filters.status }, s)))),
    h('label', {}, 'Customer', h('input', { name: 'customerId', id: 'filter-customer', value: filters.customerId, maxlength: 64 })),
    h('label', {}, 'Created from', h('input', { name: 'from', id: 'filter-from', type: 'date', value: filters.from })),
    h('label', {}, 'Created before', h('input', { name: 'to', id: 'filter-to', type: 'date', value: filters.to })),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query = new URLSearchParams();
    for (const [name, value] of data.entries()) if (value) query.set(name, value);
    window.location.hash = `#/orders?${query}`;
  });
  const results = h('div', { id: 'order-results' });
  replace(page, h('h1', {}, 'Orders'), form, results);

  const path = params.get('page')
    ? params.get('page')
    : withQuery('/api/v1/orders', {
      status: filters.status,
      customerId: filters.customerId,
      createdFrom: filters.from ? `${filters.from}T00:00:00Z` : '',
      createdTo: filters.to ? `${filters.to}T00:00:00Z` : '',
      limit: 20,
    });
  // a page link from the address bar is only ever the order list's own, on this origin
  const link = new URL(path, window.location.origin);
  if (link.origin !== window.location.origin || link.pathname !== '/api/v1/orders') {
    throw new Problem(400, { title: 'Not a page of the order list' });
  }
  try {
    const list = await get(link.pathname + link.search);
    const pageLink = (link, label, rel) => {
      if (!link) return h('button', { type: 'button', disabled: true }, label);
      const query = new URLSearchParams(params);
      query.set('page', localPath(link));
      return h('a', { class: 'button', href: `#/orders?${query}`, rel }, label);
    };
    replace(results,
      table([
        { label: 'Order', cell: (o) => h('a', { href: `#/orders/${encodeURIComponent(o.orderId)}`, class: 'mono' }, o.orderId) },
        { label: 'Customer', cell: (o) => o.customerId },
        { label: 'Status', cell: (o) => badge(o.status) },
        { label: 'Total', num: true, cell: (o) => money(o.totalMinor, o.currency) },
        { label: 'Lines', num: true, cell: (o) => o.lineCount },
        { label: 'Created', cell: (o) => when(o.createdAt) },
      ], list.items, 'No order matches these filters.'),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        pageLink(list.links.prev, 'Previous', 'prev'), pageLink(list.links.next, 'Next', 'next')));
    announce(`${list.items.length} orders shown`);
  } catch (e) {
    replace(results, problemBox(e));
  }
  return null;
}

export async function orderPage(page, { args, may }) {
  const [orderId] = args;
  const path = `/api/v1/orders/${encodeURIComponent(orderId)}`;
  const outcome = h('div', { id: 'order-outcome' });

  async function load(consistencyToken) {
    const headers = consistencyToken ? { 'X-Consistency-Token': String(consistencyToken) } : {};
    const answer = await call(path, { headers });
    const order = answer.body;
    // an operator sees the events as stored, with the payment's and their correlation ids
    const history = may('admin') ? await get(`/admin/orders/${encodeURIComponent(orderId)}/events`) : null;
    const version = order.version;
    const act = (label, action, allowed, danger) => h('button', {
      type: 'button',
      id: `action-${action}`,
      class: danger ? 'danger' : null,
      disabled: !allowed || !may('orders:write'),
      onclick: () => change(label, action, version, danger),
    }, label);
    const content = [
      h('h1', {}, 'Order ', h('span', { class: 'mono' }, order.orderId)),
      h('div', { class: 'card' }, facts([
        ['Status', h('span', { id: 'order-status' }, badge(order.status))],
        ['Version', h('span', { id: 'order-version' }, String(version))],
        ['Customer', h('a', { href: `#/orders?customerId=${encodeURIComponent(order.customerId)}` }, order.customerId)],
        ['Total', money(order.totalMinor, order.currency)],
        history ? ['Payment', h('span', { id: 'payment-state' }, history.paymentState || 'none yet')] : null,
        ['Ship to', address(order.shippingAddress)],
        order.cancellation ? ['Cancelled', [order.cancellation.reason, order.cancellation.comment].filter(Boolean).join(': ')] : null,
        ['Created', when(order.createdAt)],
        ['Updated', when(order.updatedAt)],
      ]),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Change the order' },
        act('Cancel order', 'cancellation', ['PLACED', 'CONFIRMED'].includes(order.status), true),
        act('Mark shipped', 'shipment', order.status === 'CONFIRMED'),
        act('Mark delivered', 'delivery', order.status === 'SHIPPED')),
      outcome),
      h('h2', {}, 'Lines'),
      table([
        { label: 'SKU', cell: (l) => h('span', { class: 'mono' }, l.sku) },
        { label: 'Quantity', num: true, cell: (l) => l.quantity },
        { label: 'Unit price', num: true, cell: (l) => money(l.unitPriceMinor, order.currency) },
        { label: 'Line total', num: true, cell: (l) => money(l.lineTotalMinor, order.currency) },
      ], order.lines),
      h('div', { id: 'stock' }),
      h('h2', {}, history ? 'Events (as stored, with the payment\'s)' : 'Timeline'),
      h('div', { id: 'timeline' }, history ? storedEvents(history.events) : timeline(order.timeline)),
    ];
    redraw(page, content);
    if (may('admin')) stock(order);
  }

  async function change(label, action, version, danger) {
    if (danger && !(await confirmAction(`${label}?`, `Order ${orderId} at version ${version}. This cannot be undone.`, label))) {
      return;
    }
    try {
      const answer = await call(`${path}/${action}`, { method: 'POST', headers: { 'If-Match': `"${version}"` } });
      await load(answer.body.consistencyToken);
      replace(outcome, h('div', { class: 'notice', role: 'status' }, `${label}: done (version ${answer.body.version}).`));
      announce(`${label}: done`);
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  async function stock(order) {
    const box = document.getElementById('stock');
    const rows = await Promise.all(order.lines.map((line) =>
      get(`/admin/products/${encodeURIComponent(line.sku)}`).catch((e) => ({ sku: line.sku, problem: e }))));
    replace(box, h('h2', {}, 'Stock of its products'), table([
      { label: 'SKU', cell: (p) => h('span', { class: 'mono' }, p.sku) },
      { label: 'Available', num: true, cell: (p) => (p.problem ? '—' : p.available) },
      { label: 'Reserved', num: true, cell: (p) => (p.problem ? '—' : p.reserved) },
      { label: 'Open reservations', num: true, cell: (p) => (p.problem ? p.problem.message : p.openReservations) },
    ], rows));
  }

  await load();
  return null;
}

function timeline(entries) {
  return table([
    { label: 'Version', num: true, cell: (e) => e.version },
    { label: 'Event', cell: (e) => e.type },
    { label: 'When', cell: (e) => when(e.occurredAt) },
    { label: 'Details', cell: (e) => json(e.details) },
  ], entries);
}

function storedEvents(events) {
  return table([
    { label: 'Aggregate', cell: (e) => `${e.aggregate} #${e.sequenceNumber}` },
    { label: 'Event', cell: (e) => e.type },
    { label: 'When', cell: (e) => when(e.occurredAt) },
    { label: 'Correlation id', cell: (e) => (e.correlationId ? h('code', {}, e.correlationId) : h('span', { class: 'muted' }, 'none')) },
    { label: 'Payload', cell: (e) => json(e.payload) },
  ], events);
}

/** A document in a line, opened to its whole (a disclosure: keyboard and screen reader friendly). */
function json(value) {
  const line = JSON.stringify(value);
  if (line.length <= 100) return h('code', {}, line);
  return h('details', {}, h('summary', {}, h('code', {}, `${line.slice(0, 100)}…`)),
    h('pre', { class: 'json' }, JSON.stringify(value, null, 2)));
}

function address(a) {
  if (!a) return '—';
  return [a.recipient, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
    .filter(Boolean).join(', ');
}
