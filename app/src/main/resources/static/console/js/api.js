// The platform's API as the console calls it: the key goes as the X-API-Key header (never in a
// URL, never as a cookie, so no other site can make the browser send it), and an error answer
// is thrown as the problem+json document the API gave, to be shown as such.

const KEY = 'orders.console.key';

export const session = {
  // sessionStorage: this tab only, gone when it closes
  key: () => sessionStorage.getItem(KEY),
  save: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class Problem extends Error {
  constructor(status, document) {
    super(document.detail || document.title || `HTTP ${status}`);
    this.status = status;
    this.document = document;
  }
}

/**
 * One call. options: method, body (sent as JSON), headers, key (instead of the session's).
 * Resolves to {status, headers, body}; rejects with a Problem for any answer >= 400.
 */
export async function call(path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  const key = options.key ?? session.key();
  if (key) headers['X-API-Key'] = key;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if ((options.method || 'GET') === 'POST' && !headers['Idempotency-Key']) {
    // every POST needs one; a click is one logical request
    headers['Idempotency-Key'] = crypto.randomUUID();
  }
  let response;
  try {
    response = await fetch(path, { method: options.method || 'GET', headers, body, credentials: 'omit' });
  } catch (e) {
    throw new Problem(0, { title: 'The platform did not answer', detail: String(e.message || e) });
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = { detail: text.slice(0, 500) };
    }
  }
  if (response.status === 401 && !options.key) {
    window.dispatchEvent(new CustomEvent('console:signed-out', { detail: parsed }));
  }
  if (!response.ok) {
    throw new Problem(response.status, parsed || { title: `HTTP ${response.status}` });
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const get = (path, options) => call(path, options).then((r) => r.body);

/** Adds the query parameters that have a value. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  });
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A link the API gave (absolute, maybe through a gateway): its path and query on this origin. */
export function localPath(link) {
  const url = new URL(link, window.location.origin);
  return url.pathname + url.search;
}
