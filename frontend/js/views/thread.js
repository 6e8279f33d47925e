// A thread: nested, collapsible replies; reply/edit/delete; follow; live updates.

import { ApiError, del, get, patch, post, put } from '../api.js';
import { makeComposer } from '../composer.js';
import { announce, authorName, clear, collapsedLine, formatTime, h, insertSanitisedHtml, isCollapsed, toast } from '../dom.js';
import { modal, safetyActions } from '../safety.js';
import { connection } from '../socket.js';
import { session } from '../app.js';
import { staffButtons } from '../staff.js';

let pendingSupport = null;
/** A support card to show when the thread opens (set by "new thread" when the server sent one). */
export function setPendingSupport(support) { pendingSupport = support; }

export function showSupport(card, support) {
  const s = support && typeof support === 'object' ? support : {};
  card.show(s);
  announce('A private support card with helpline numbers is shown.');
}

/** The thread's title; a title the viewer's filters collapse is folded behind "Hidden: … · Show". */
function titleBlock(thread) {
  const title = h('h1', { class: 'thread-title', text: thread.title });
  return isCollapsed(thread.filter) ? h('div', {}, collapsedLine(thread.filter, title), title) : title;
}

export async function threadView(main, { params: [threadId] }) {
  const data = await get(`/api/forum/threads/${threadId}`);
  const thread = data.thread;
  const category = data.category || {};
  const conn = connection();
  const items = new Map(); // post id -> {li, body, replies, post}
  const topList = h('ol', { class: 'posts' });
  const support = h('ph-support-card', { hidden: true });
  let following = Boolean(thread.following);

  const followButton = h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(following) });
  const renderFollow = () => {
    followButton.textContent = following ? 'Following' : 'Follow';
    followButton.setAttribute('aria-pressed', String(following));
  };
  renderFollow();
  followButton.addEventListener('click', async () => {
    try {
      const path = `/api/forum/threads/${threadId}/follow`;
      const r = following ? await del(path) : await post(path);
      following = Boolean(r.following);
      renderFollow();
      toast(following ? 'You will be told about new replies.' : 'You will not be told about new replies.');
    } catch (err) { toast(err.message || 'Could not change that.', 'error'); }
  });

  function bodyOf(p) {
    const body = h('div', { class: 'post-body' });
    if (p.filter && p.filter.action === 'hide') {
      body.append(h('p', { class: 'hidden-post', text: 'Post hidden by your filters.' }));
      return body;
    }
    insertSanitisedHtml(body, p.body_html || '');
    if (isCollapsed(p.filter)) {
      const inner = h('div');
      inner.append(...body.childNodes);
      body.append(collapsedLine(p.filter, inner), inner);
    }
    return body;
  }

  function headOf(p) {
    return h('p', { class: 'msg-head' },
      h('span', { class: 'author', text: p.author ? authorName(p.author) : '[deleted]' }),
      p.created_at ? h('time', { datetime: p.created_at, text: formatTime(p.created_at) }) : null,
      p.edited ? h('span', { class: 'meta', text: '(edited)' }) : null);
  }

  function actionsOf(p, item) {
    const row = h('div', { class: 'post-actions' });
    if (p.removed || (p.filter && p.filter.action === 'hide')) return row;
    if (!thread.locked) row.append(h('button', { type: 'button', class: 'link-button', onclick: () => openReply(item), text: 'Reply' }));
    if (p.mine) {
      row.append(
        h('button', { type: 'button', class: 'link-button', onclick: () => openEdit(item), text: 'Edit' }),
        h('button', { type: 'button', class: 'link-button', onclick: () => confirmDelete(item), text: 'Delete' }));
    } else if (p.author) {
      const staff = session.user && session.user.role !== 'member';
      row.append(safetyActions({ type: 'post', id: p.id }, `post by ${authorName(p.author)}`,
        staff ? (close) => staffButtons({ kind: 'post', id: p.id, author: p.author, place: { kind: 'category', id: thread.category_id } }, close) : null));
    }
    return row;
  }

  function render(item) {
    const p = item.post;
    clear(item.article).append(headOf(p), bodyOf(p), actionsOf(p, item), item.slot);
  }

  function addPost(p, { live = false } = {}) {
    const known = items.get(p.id);
    if (known) {
      // Our own post can arrive live before the HTTP answer: keep the richer copy.
      if (p.mine && !known.post.mine) { known.post = p; render(known); }
      return;
    }
    const replies = h('ol', { class: 'replies' });
    const toggle = h('button', { type: 'button', class: 'link-button toggle', 'aria-expanded': 'true', hidden: true });
    const article = h('article', { class: 'post card', 'aria-label': `Post by ${p.author ? authorName(p.author) : 'a removed author'}` });
    const li = h('li', { 'data-post-id': String(p.id) }, article, toggle, replies);
    const item = { li, article, replies, toggle, post: p, slot: h('div', {}) };
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      replies.hidden = !open;
      updateToggle(item);
    });
    items.set(p.id, item);
    render(item);
    const parent = p.parent_id ? items.get(p.parent_id) : null;
    (parent ? parent.replies : topList).append(li);
    if (parent) updateToggle(parent);
    if (live) announce(`New reply from ${authorName(p.author)}`);
  }

  function updateToggle(item) {
    const n = item.replies.childElementCount;
    item.toggle.hidden = n === 0;
    const open = item.toggle.getAttribute('aria-expanded') === 'true';
    item.toggle.textContent = open ? `Hide ${n} ${n === 1 ? 'reply' : 'replies'}` : `Show ${n} ${n === 1 ? 'reply' : 'replies'}`;
  }

  function closeSlots() { for (const it of items.values()) clear(it.slot); clear(bottomSlot); }

  function openReply(item) {
    closeSlots();
    const c = makeComposer({
      label: `Reply to ${authorName(item.post.author)}`,
      submitLabel: 'Post reply',
      onCancel: () => clear(item.slot),
      onSubmit: async (body, confirm) => {
        const r = await post(`/api/forum/threads/${threadId}/posts`, { parent_id: item.post.id, body, confirm });
        clear(item.slot);
        addPost(r.post);
        if (r.support) showSupport(support, r.support);
      },
    });
    item.slot.append(c.form);
    c.focus();
  }

  function openEdit(item) {
    closeSlots();
    const c = makeComposer({
      label: 'Edit your post',
      initial: item.post.body || '',
      submitLabel: 'Save',
      onCancel: () => clear(item.slot),
      onSubmit: async (body, confirm) => {
        const r = await patch(`/api/forum/posts/${item.post.id}`, { body, confirm });
        item.post = r.post;
        render(item);
        if (r.support) showSupport(support, r.support);
      },
    });
    item.slot.append(c.form);
    c.focus();
  }

  async function confirmDelete(item) {
    const sure = await modal('Delete this post?', (close) => h('div', {},
      h('p', { text: 'It will be replaced by “[removed by author]” so the replies keep their place.' }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: () => close(true), text: 'Delete post' }),
        h('button', { type: 'button', class: 'secondary', onclick: () => close(false), text: 'Keep it' }))));
    if (!sure) return;
    try {
      const r = await del(`/api/forum/posts/${item.post.id}`);
      item.post = r.post;
      render(item);
    } catch (err) { toast(err instanceof ApiError ? err.message : 'Could not delete.', 'error'); }
  }

  for (const p of data.posts || []) addPost(p);

  const bottomSlot = h('div', {});
  const replyToThread = thread.locked ? h('p', { class: 'card', text: 'This thread is locked.' }) : makeComposer({
    label: 'Reply to the thread',
    submitLabel: 'Post reply',
    onSubmit: async (body, confirm) => {
      const r = await post(`/api/forum/threads/${threadId}/posts`, { body, confirm });
      addPost(r.post);
      if (r.support) showSupport(support, r.support);
    },
  }).form;
  const more = h('button', { type: 'button', class: 'secondary', text: 'More posts', hidden: !data.next_cursor });
  let cursor = data.next_cursor;
  more.addEventListener('click', async () => {
    const page = await get(`/api/forum/threads/${threadId}?cursor=${encodeURIComponent(cursor)}`);
    for (const p of page.posts || []) addPost(p);
    cursor = page.next_cursor;
    more.hidden = !cursor;
  });

  main.append(
    h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('ol', {},
      h('li', {}, h('a', { href: '#/forum', text: 'Forums' })),
      h('li', {}, h('a', { href: `#/forum/c/${thread.category_id}`, text: category.title || 'Category' })))),
    h('div', { class: 'toolbar' }, titleBlock(thread), followButton),
    h('p', { class: 'meta' }, `Started by ${authorName(thread.author)} `, thread.created_at ? h('time', { datetime: thread.created_at, text: formatTime(thread.created_at) }) : null,
      thread.locked ? h('span', { class: 'badge', text: 'Locked' }) : null),
    support, topList, more,
    h('section', { class: 'card', 'aria-label': 'Reply to the thread' }, replyToThread), bottomSlot);

  if (pendingSupport) { showSupport(support, pendingSupport); pendingSupport = null; }

  // Read position: everything on the page has been seen.
  const newest = Math.max(0, ...items.keys());
  if (newest > (thread.read_position || 0)) put(`/api/forum/threads/${threadId}/read`, { post_id: newest }).catch(() => {});

  const tid = Number(threadId);
  const onForum = (event) => {
    const f = event.detail;
    if (f.thread_id !== tid || !f.post) return;
    const existing = items.get(f.post.id);
    if (f.event === 'post_created' && !existing) addPost(f.post, { live: true });
    else if (existing && (f.event === 'post_edited' || f.event === 'post_removed' || f.event === 'post_restored')) {
      existing.post = { ...existing.post, ...f.post };
      render(existing);
    }
  };
  conn.addEventListener('forum', onForum);
  conn.watchThread(tid);
  return () => { conn.removeEventListener('forum', onForum); conn.unwatchThread(tid); };
}
