// Orders: the keyset-paginated list with its filters, and one order with its timeline and the
// changes the API allows (each with If-Match: the version the operator is looking at).
import { call, get, withQuery } from './api.js';
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

  // the current version of the list (v2): its cursors go back with the same filters
  const path = withQuery('/api/v2/orders', {
    status: filters.status,
    customerId: filters.customerId,
    createdFrom: filters.from ? `${filters.from}T00:00:00Z` : '',
    createdTo: filters.to ? `${filters.to}T00:00:00Z` : '',
    limit: 20,
    cursor: params.get('cursor'),
  });
  try {
    const list = await get(path);
    const pageLink = (cursor, label, rel) => {
      if (!cursor) return h('button', { type: 'button', disabled: true }, label);
      const query = new URLSearchParams(params);
      query.set('cursor', cursor);
      return h('a', { class: 'button', href: `#/orders?${query}`, rel }, label);
    };
    replace(results,
      table([
        { label: 'Order', cell: (o) => h('a', { href: `#/orders/${encodeURIComponent(o.id)}`, class: 'mono' }, o.id) },
        { label: 'Customer', cell: (o) => o.customerId },
        { label: 'Status', cell: (o) => badge(o.status.code) },
        { label: 'Total', num: true, cell: (o) => money(o.total) },
        { label: 'Lines', num: true, cell: (o) => o.lineCount },
        { label: 'Placed', cell: (o) => when(o.placedAt) },
      ], list.data, 'No order matches these filters.'),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        pageLink(list.page.prevCursor, 'Previous', 'prev'), pageLink(list.page.nextCursor, 'Next', 'next')));
    if (page.isConnected) announce(`${list.data.length} orders shown`);
  } catch (e) {
    replace(results, problemBox(e));
  }
  return null;
}

export async function orderPage(page, { args, may }) {
  const [orderId] = args;
  const path = `/api/v2/orders/${encodeURIComponent(orderId)}`;
  const commands = `/api/v1/orders/${encodeURIComponent(orderId)}`;
  const outcome = h('div', { id: 'order-outcome' });

  async function load(consistencyToken) {
    const headers = consistencyToken ? { 'X-Consistency-Token': String(consistencyToken) } : {};
    const order = (await call(path, { headers })).body;
    // an operator sees the events as stored, with the payment's and their correlation ids
    const history = may('admin') ? await get(`/admin/orders/${encodeURIComponent(orderId)}/events`) : null;
    const status = order.status.code;
    const version = order.version;
    const act = (label, action, allowed, danger) => h('button', {
      type: 'button',
      id: `action-${action}`,
      class: danger ? 'danger' : null,
      disabled: !allowed || !may('orders:write'),
      onclick: () => change(label, action, version, danger),
    }, label);
    const stockBox = h('div', { id: 'stock' });
    redraw(page,
      h('h1', {}, 'Order ', h('span', { class: 'mono' }, order.id)),
      h('div', { class: 'card' }, facts([
        ['Status', h('span', { id: 'order-status' }, badge(status))],
        ['Version', h('span', { id: 'order-version' }, String(version))],
        ['Customer', h('a', { href: `#/orders?customerId=${encodeURIComponent(order.customerId)}` }, order.customerId)],
        ['Total', money(order.total)],
        history ? ['Payment', h('span', { id: 'payment-state' }, history.paymentState || 'none yet')] : null,
        ['Ship to', address(order.shippingAddress)],
        order.status.reason ? ['Cancelled', [order.status.reason, order.status.comment].filter(Boolean).join(': ')] : null,
        ['Placed', when(order.placedAt)],
        ['Updated', when(order.updatedAt)],
      ]),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Change the order' },
        act('Cancel order', 'cancellation', ['PLACED', 'CONFIRMED'].includes(status), true),
        act('Mark shipped', 'shipment', status === 'CONFIRMED'),
        act('Mark delivered', 'delivery', status === 'SHIPPED')),
      outcome),
      h('h2', {}, 'Lines'),
      table([
        { label: 'SKU', cell: (l) => h('span', { class: 'mono' }, l.sku) },
        { label: 'Quantity', num: true, cell: (l) => l.quantity },
        { label: 'Unit price', num: true, cell: (l) => money(l.unitPrice) },
        { label: 'Line total', num: true, cell: (l) => money(l.lineTotal) },
      ], order.lines),
      stockBox,
      h('h2', {}, history ? 'Events (as stored, with the payment\'s)' : 'Timeline'),
      h('div', { id: 'timeline' }, history ? storedEvents(history.events) : timeline(order.timeline)));
    if (may('admin')) await stock(order, stockBox);
  }

  async function change(label, action, version, danger) {
    if (danger && !(await confirmAction(`${label}?`, `Order ${orderId} at version ${version}. This cannot be undone.`, label))) {
      return;
    }
    try {
      const answer = await call(`${commands}/${action}`, { method: 'POST', headers: { 'If-Match': `"${version}"` } });
      await load(answer.body.consistencyToken);
      replace(outcome, h('div', { class: 'notice', role: 'status' }, `${label}: done (version ${answer.body.version}).`));
      if (page.isConnected) announce(`${label}: done`);
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  /** The stock of the order's products (a product the platform does not know shows its problem). */
  async function stock(order, box) {
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
