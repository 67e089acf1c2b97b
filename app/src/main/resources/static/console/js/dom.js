// Elements built from data with textContent only, never innerHTML: whatever a field holds
// (an order's address, a webhook's error text) is shown as text and cannot become markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A problem+json answer as the API gave it: title, status, detail, field errors, type. */
export function problemBox(problem) {
  const doc = (problem && problem.document) || { title: String(problem) };
  const errors = Array.isArray(doc.errors) ? doc.errors : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, doc.title || 'Error', problem.status ? ` (${problem.status})` : ''),
    doc.detail ? h('div', { class: 'detail' }, doc.detail) : null,
    errors.length ? h('ul', {}, errors.map((e) => h('li', {}, `${e.field}: ${e.message}`))) : null,
    doc.type ? h('div', { class: 'type' }, 'type: ', h('code', {}, doc.type)) : null);
}

export function table(columns, rows, empty = 'Nothing here.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(row)))))));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

const STATUS_TONES = {
  CONFIRMED: 'ok', DELIVERED: 'ok', SHIPPED: 'ok', ACTIVE: 'ok', running: 'ok', UP: 'ok', ALIVE: 'ok', done: 'ok',
  PLACED: 'warn', PAUSED: 'warn', PENDING: 'warn', building: 'warn', switching: 'warn', SUSPECT: 'warn', stopped: 'warn',
  closed: 'ok', half_open: 'warn', open: 'bad', forced_open: 'bad',
  CANCELLED: 'bad', DEAD: 'bad', DOWN: 'bad', error: 'bad', failed: 'bad', interrupted: 'bad', OUT_OF_SERVICE: 'bad',
};

export function badge(text) {
  return h('span', { class: `badge ${STATUS_TONES[text] || ''}` }, text);
}

export function when(instant) {
  if (!instant) return '—';
  const date = new Date(instant);
  return h('time', { datetime: instant, title: instant }, date.toLocaleString());
}

/**
 * An amount as the API gives it ({amount: "115.97", currency: "EUR"}: a decimal string in the
 * currency's major unit, with its ISO 4217 digits), shown with exactly those digits.
 */
export function money(value) {
  const digits = (value.amount.split('.')[1] || '').length;
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency', currency: value.currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(Number(value.amount));
  } catch (e) {
    return `${value.amount} ${value.currency}`;
  }
}

/**
 * Runs the task every {@code ms}, the next run only once the last one has finished (a slow
 * answer never overlaps the next poll, nor draws after it). Returns the stop function.
 */
export function every(ms, task) {
  let timer = null;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await task();
      } catch (e) {
        // the task shows its own failures; a poll that failed is tried again next time
      } finally {
        next();
      }
    }, ms);
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Draws anew and gives the keyboard focus back: a control that had it (by its id) has it again
 * in the new drawing, so a table that refreshes every second does not throw the operator out.
 */
export function redraw(element, ...children) {
  const active = document.activeElement;
  const focused = active && element.contains(active) && active.id ? active.id : null;
  replace(element, ...children);
  if (focused) {
    const again = document.getElementById(focused);
    if (again) again.focus({ preventScroll: true });
  }
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'unknown';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Announces a change to screen readers (and to the tests, which read the same region). */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = '';
  status.textContent = text;
}

/**
 * Asks before something that cannot be taken back, in a modal dialog (focus moves into it and
 * returns; Escape cancels). Resolves to true when confirmed.
 */
export function confirmAction(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    // the opener may be drawn anew meanwhile (a polled table): focus returns to its successor
    const openerId = opener && opener.id;
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', id: 'confirm' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', {}, text),
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { value: 'cancel', type: 'submit' }, 'Cancel'),
        h('button', { value: 'confirm', type: 'submit', class: 'primary', id: 'confirm-yes' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
      const back = (openerId && document.getElementById(openerId)) || opener;
      if (back && back.focus) back.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
