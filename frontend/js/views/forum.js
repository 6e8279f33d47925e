// Forums: categories, thread lists with unread counts, new thread, search, notifications.

import { get, isMissing, listOf, post } from '../api.js';
import { go } from '../app.js';
import { makeComposer } from '../composer.js';
import { authorName, collapsedLine, field, formatTime, h, insertSanitisedHtml, isCollapsed } from '../dom.js';
import { setPendingSupport } from './thread.js';
import { unavailable } from './rooms.js';

function searchForm(initial = '', categoryId = null) {
  const q = field('Search the forums', { type: 'search', name: 'q', value: initial, maxlength: 500 });
  const form = h('form', { class: 'search-form', role: 'search' }, q.wrap, h('button', { type: 'submit', class: 'secondary', text: 'Search' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ q: q.input.value });
    if (categoryId) params.set('category_id', categoryId);
    go(`#/forum/search?${params}`);
  });
  return form;
}

function crumbs(...items) {
  return h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    h('ol', {}, items.map(([label, href]) => h('li', {}, href ? h('a', { href, text: label }) : h('span', { 'aria-current': 'page', text: label })))));
}

export async function categoriesView(main) {
  let categories;
  try {
    categories = listOf(await get('/api/forum/categories'), 'categories');
  } catch (err) {
    if (isMissing(err)) { unavailable(main, 'Forums', 'The forum'); return; }
    throw err;
  }
  main.append(h('div', { class: 'toolbar' }, h('h1', { text: 'Forums' }), searchForm()),
    h('p', { class: 'lede', text: 'Take your time here: write longer, come back later to see who answered.' }),
    h('ul', { class: 'category-list' }, categories.map((c) => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/forum/c/${c.id}`, text: c.title })),
      c.description ? h('p', { text: c.description }) : null,
      Number.isInteger(c.thread_count) ? h('p', { class: 'meta', text: `${c.thread_count} ${c.thread_count === 1 ? 'thread' : 'threads'}` }) : null))));
}

/** `target` (a thread title) folded behind "Hidden: … · Show" when `filter` collapses it. */
function folded(filter, target) {
  return isCollapsed(filter) ? [collapsedLine(filter, target), target] : [target];
}

function threadItem(t) {
  const unread = Number(t.unread_count) || 0;
  return h('li', {},
    h('div', {},
      ...folded(t.filter, h('h2', {}, h('a', { href: `#/forum/t/${t.id}`, text: t.title }))),
      h('p', { class: 'meta' },
        t.pinned ? h('span', { class: 'badge', text: 'Pinned' }) : null,
        t.locked ? h('span', { class: 'badge', text: 'Locked' }) : null,
        h('span', { text: `by ${authorName(t.author)}` }),
        h('span', { text: `${t.reply_count || 0} ${t.reply_count === 1 ? 'reply' : 'replies'}` }),
        t.last_activity_at ? h('span', {}, 'active ', h('time', { datetime: t.last_activity_at, text: formatTime(t.last_activity_at) })) : null)),
    unread > 0 ? h('span', { class: 'badge unread', text: `${unread} unread` }) : null);
}

export async function threadListView(main, { params: [categoryId] }) {
  const data = await get(`/api/forum/categories/${categoryId}/threads`);
  const category = data.category || { title: 'Category' };
  const list = h('ul', { class: 'thread-list' }, listOf(data, 'threads').map(threadItem));
  const more = h('button', { type: 'button', class: 'secondary', text: 'More threads', hidden: !data.next_cursor });
  let cursor = data.next_cursor;
  more.addEventListener('click', async () => {
    more.disabled = true;
    const page = await get(`/api/forum/categories/${categoryId}/threads?cursor=${encodeURIComponent(cursor)}`);
    list.append(...listOf(page, 'threads').map(threadItem));
    cursor = page.next_cursor;
    more.hidden = !cursor;
    more.disabled = false;
  });
  main.append(crumbs(['Forums', '#/forum'], [category.title]),
    h('div', { class: 'toolbar' }, h('h1', { text: category.title }),
      category.locked ? null : h('a', { class: 'button', href: `#/forum/c/${categoryId}/new`, text: 'New thread' })),
    category.description ? h('p', { class: 'lede', text: category.description }) : null,
    searchForm('', categoryId),
    list.childElementCount ? list : h('p', { class: 'card', text: 'No threads yet. You could start the first one.' }),
    more);
}

export async function newThreadView(main, { params: [categoryId] }) {
  const data = await get(`/api/forum/categories/${categoryId}/threads?limit=1`);
  const category = data.category || { title: 'Category' };
  const title = field('Title', { maxlength: 200, minlength: 3, required: true, autocomplete: 'off' });
  const composer = makeComposer({
    label: 'Your post',
    submitLabel: 'Start thread',
    extraFields: [title],
    onCancel: () => go(`#/forum/c/${categoryId}`),
    onSubmit: async (body, confirm) => {
      const created = await post('/api/forum/threads', { category_id: Number(categoryId), title: title.input.value, body, confirm });
      if (created.support) setPendingSupport(created.support);
      go(`#/forum/t/${created.thread.id}`);
    },
  });
  main.append(crumbs(['Forums', '#/forum'], [category.title, `#/forum/c/${categoryId}`], ['New thread']),
    h('h1', { text: 'Start a thread' }), h('section', { class: 'card' }, composer.form));
  title.input.focus();
}

export async function searchView(main, { query }) {
  const q = query.get('q') || '';
  const categoryId = query.get('category_id');
  main.append(crumbs(['Forums', '#/forum'], ['Search']), h('h1', { text: 'Search' }), searchForm(q, categoryId));
  if (!q.trim()) return;
  const params = new URLSearchParams({ q });
  if (categoryId) params.set('category_id', categoryId);
  const data = await get(`/api/forum/search?${params}`);
  const results = listOf(data, 'results');
  main.append(h('p', { role: 'status', text: results.length ? `${results.length} ${results.length === 1 ? 'result' : 'results'}` : 'Nothing found. Try fewer or different words.' }),
    h('ul', { class: 'thread-list' }, results.map((r) => h('li', {},
      h('div', {},
        // The title's marker (thread_filter) and the post's own (filter) fold each.
        ...folded(r.thread_filter, h('h2', {}, insertSanitisedHtml(h('a', { href: `#/forum/t/${r.thread_id}` }), r.title_html || ''))),
        ...folded(r.filter, insertSanitisedHtml(h('p', { class: 'snippet' }), r.snippet_html || '')))))));
}

/** "<who> replied in <thread>"; a thread title the viewer's filters collapse is folded (thread_filter). */
function notificationLine(n) {
  const link = h('a', { href: `#/forum/t/${n.thread_id}`, text: n.thread_title || 'a thread' });
  const line = h('p', {}, h('strong', { text: authorName(n.author) }),
    n.kind === 'reply' || !n.kind ? ' replied in ' : ` ${String(n.kind).replace(/_/g, ' ')} in `);
  if (!isCollapsed(n.thread_filter)) { line.append(link); return [line]; }
  const title = h('span', {}, link);
  line.append(title);
  return [line, collapsedLine(n.thread_filter, title)];
}

export async function notificationsView(main) {
  let data;
  try {
    data = await get('/api/me/notifications');
  } catch (err) {
    if (isMissing(err)) { unavailable(main, 'Replies', 'Notifications'); return; }
    throw err;
  }
  const items = listOf(data, 'notifications');
  main.append(h('h1', { text: 'Replies to you' }));
  if (!items.length) { main.append(h('p', { class: 'card', text: 'Nothing new. When someone replies to you, it shows up here.' })); return; }
  main.append(h('ul', { class: 'thread-list' }, items.map((n) => h('li', { class: n.read ? '' : 'unread-item' },
    h('div', {},
      ...notificationLine(n),
      h('p', { class: 'meta' }, h('time', { datetime: n.created_at, text: formatTime(n.created_at) }),
        n.read ? null : h('span', { class: 'badge unread', text: 'new' })))))));
  const newest = Math.max(...items.map((n) => n.id));
  if (items.some((n) => !n.read)) post('/api/me/notifications/read', { up_to_id: newest }).catch(() => {});
}
