// The console's shell: sign-in, the sections the key's scopes allow, and a hash router. Each
// page is a function that fills the page element and may return a stop function (its polling).
import { call, session, Problem } from './api.js';
import { h, replace, problemBox } from './dom.js';
import { ordersPage, orderPage } from './orders.js';
import { projectionsPage, projectionDeadLettersPage } from './projections.js';
import { webhooksPage, subscriptionPage, webhookDeadLettersPage } from './webhooks.js';
import { healthPage } from './health.js';
import { keysPage } from './keys.js';

const SECTIONS = [
  { path: 'orders', label: 'Orders', scope: 'orders:read' },
  { path: 'projections', label: 'Projections', scope: 'admin' },
  { path: 'webhooks', label: 'Webhooks', scope: 'webhooks:manage' },
  { path: 'health', label: 'Health', scope: 'admin' },
  { path: 'keys', label: 'API keys', scope: 'admin' },
];

const ROUTES = [
  [/^orders$/, ordersPage],
  [/^orders\/([^/]+)$/, orderPage],
  [/^projections$/, projectionsPage],
  [/^projections\/([^/]+)\/dead-letters$/, projectionDeadLettersPage],
  [/^webhooks$/, webhooksPage],
  [/^webhooks\/dead-letters$/, webhookDeadLettersPage],
  [/^webhooks\/([^/]+)$/, subscriptionPage],
  [/^health$/, healthPage],
  [/^keys$/, keysPage],
];

let me = null;
let stop = null;
// each navigation's number: a page whose load outlives it must neither draw nor keep polling
let navigation = 0;

/** What the signed-in key may do. */
export function may(scope) {
  return Boolean(me && me.scopes.includes(scope));
}

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  return { path: path || '', params: new URLSearchParams(query || '') };
}

/** Whether the page loaded by navigation {@code number} is still the one shown. */
function current(number) {
  return number === navigation;
}

async function route() {
  navigation += 1;
  const number = navigation;
  // a question the last page asked is not this page's to answer
  const asking = document.getElementById('confirm');
  if (asking) asking.close();
  if (stop) {
    stop();
    stop = null;
  }
  const page = document.getElementById('page');
  if (!me) {
    showLogin();
    return;
  }
  const { path, params } = parseHash();
  const section = SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
  if (!section) {
    const first = SECTIONS.find((s) => may(s.scope));
    if (first) {
      window.location.replace(`#/${first.path}`);
    } else {
      replace(page, h('h1', {}, 'Nothing to show'), h('p', {}, 'This key has none of the scopes the console uses.'));
    }
    return;
  }
  markCurrent(section.path);
  if (!may(section.scope)) {
    replace(page, h('h1', {}, section.label),
      h('div', { class: 'problem', role: 'alert' }, `Your key has no ${section.scope} scope: this section is not available to it.`));
    return;
  }
  for (const [pattern, render] of ROUTES) {
    const match = path.match(pattern);
    if (match) {
      const args = match.slice(1).map(decoded);
      // a malformed escape, or a dot segment the browser would resolve into another path
      if (args.some((arg) => arg === null || arg === '.' || arg === '..')) break;
      replace(page);
      // pages draw into their own element, which goes in only while theirs is the navigation
      const own = h('div', {});
      page.append(own);
      let stopIt = null;
      try {
        stopIt = await render(own, { params, args, may });
      } catch (e) {
        if (current(number)) {
          replace(own, problemBox(e instanceof Problem ? e : new Problem(0, { title: 'Error', detail: String(e) })));
        }
      }
      if (!current(number)) {
        if (stopIt) stopIt();
        return;
      }
      stop = stopIt;
      document.getElementById('main').focus({ preventScroll: true });
      return;
    }
  }
  replace(page, h('h1', {}, 'Not found'), h('p', {}, 'No such page in the console.'));
}

function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    return null;
  }
}

function markCurrent(path) {
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.section === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

function showLogin(problem) {
  // whatever page was loading or polling is no longer shown
  navigation += 1;
  if (stop) stop();
  stop = null;
  me = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  replace(document.getElementById('page'));
  document.getElementById('login').hidden = false;
  const error = document.getElementById('login-error');
  error.hidden = !problem;
  if (problem) replace(error, problemBox(problem));
  document.getElementById('api-key').focus();
}

function signedIn(current) {
  me = current;
  document.getElementById('login').hidden = true;
  const nav = document.getElementById('nav');
  replace(nav, SECTIONS.filter((s) => may(s.scope)).map((s) =>
    h('a', { href: `#/${s.path}`, 'data-section': s.path }, s.label)));
  nav.hidden = false;
  replace(document.getElementById('who-name'), `${current.name} · ${current.scopes.join(', ')}`);
  document.getElementById('who').hidden = false;
}

async function signIn(key) {
  const answer = await call('/api/v1/api-keys/current', { key });
  session.save(key);
  signedIn(answer.body);
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  try {
    await signIn(input.value.trim());
    input.value = '';
    await route();
  } catch (e) {
    showLogin(e instanceof Problem ? e : new Problem(0, { title: 'Sign-in failed', detail: String(e) }));
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  showLogin();
});

// a key revoked meanwhile: back to the sign-in, saying why
window.addEventListener('console:signed-out', (event) => {
  session.clear();
  showLogin(new Problem(401, event.detail || { title: 'Signed out' }));
});

window.addEventListener('hashchange', route);

// the skip link moves the focus to the content; as a plain #main link it would be a route
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

(async () => {
  const key = session.key();
  if (key) {
    try {
      await signIn(key);
    } catch (e) {
      session.clear();
    }
  }
  await route();
})();
