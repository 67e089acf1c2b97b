// API keys: the list (prefixes only), a new key (its value shown this once), revocation.
import { call, get } from './api.js';
import { h, replace, table, when, problemBox, announce, confirmAction } from './dom.js';

const SCOPES = ['orders:read', 'orders:write', 'webhooks:manage', 'admin'];

export async function keysPage(page) {
  const outcome = h('div', { id: 'key-outcome' });
  const list = h('div', {});
  const form = h('form', { class: 'filters card', id: 'new-key' },
    h('label', {}, 'Name', h('input', { name: 'name', id: 'key-name', required: true, maxlength: 100 })),
    h('fieldset', {}, h('legend', {}, 'Scopes'),
      SCOPES.map((scope) => h('label', {}, h('input', { type: 'checkbox', name: 'scopes', value: scope }), ` ${scope}`))),
    h('label', {}, 'Only for customer (optional)', h('input', { name: 'customerId', id: 'key-customer', maxlength: 64 })),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const created = (await call('/admin/api-keys', { method: 'POST', body: {
        name: data.get('name'), scopes: data.getAll('scopes'), customerId: data.get('customerId') || null,
      } })).body;
      form.reset();
      replace(outcome, h('div', { class: 'notice', role: 'status' },
        'The new key (shown this once; copy it now): ', h('code', { id: 'created-key' }, created.key)));
      announce('Key created');
      await load();
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  });
  replace(page, h('h1', {}, 'API keys'), h('h2', {}, 'New key'), form, outcome, h('h2', {}, 'Keys'), list);

  async function revoke(key) {
    if (!(await confirmAction(`Revoke ${key.name}?`, `Requests with the key ${key.prefix}… are refused from the next one on.`, 'Revoke'))) return;
    try {
      await call(`/admin/api-keys/${key.id}`, { method: 'DELETE' });
      await load();
    } catch (e) {
      replace(outcome, problemBox(e));
    }
  }

  async function load() {
    const keys = await get('/admin/api-keys');
    replace(list, table([
      { label: 'Name', cell: (k) => k.name },
      { label: 'Prefix', cell: (k) => h('code', {}, `${k.prefix}…`) },
      { label: 'Scopes', cell: (k) => k.scopes.join(', ') },
      { label: 'Customer', cell: (k) => k.customerId || '—' },
      { label: 'Created', cell: (k) => when(k.createdAt) },
      { label: 'Revoked', cell: (k) => (k.revokedAt ? when(k.revokedAt)
        : h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${k.name}`, onclick: () => revoke(k) }, 'Revoke')) },
    ], keys));
  }

  await load();
  return null;
}
