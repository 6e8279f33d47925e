// One room: live messages, scroll-back, composer, per-message send state,
// connection state, presence and typing, safety surfaces.

import { ApiError, del, get, isMissing, listOf, patch, post } from '../api.js';
import { session } from '../app.js';
import { announce, append, authorName, clear, collapsedLine, formatTime, h, isCollapsed, toast, uid } from '../dom.js';
import { agreementFrom, agreementGate, personalDetailsWarning, safetyActions } from '../safety.js';
import { connection } from '../socket.js';
import { staffButtons } from '../staff.js';
import { go } from '../app.js';
import { onlineCount } from './rooms.js';
import { forgetMute, muteFor, mutes, onMutesChange, untilText } from '../notices.js';

// Messages per history page (the server allows up to 200).
const PAGE = 50;
// Typing: tell the room at most every 3 s; show someone as typing for 5 s after their last signal.
const TYPING_SEND_MS = 3000;
const TYPING_SHOW_MS = 5000;
// Within this many pixels of the bottom counts as "reading the newest".
const NEAR_BOTTOM_PX = 80;
// More new messages than this at once are announced as a count, not one by one.
const ANNOUNCE_BURST = 3;

const STATE_LABEL = { sending: 'Sending…', sent: 'Sent', failed: 'Not sent' };
// Slow-mode choices offered to staff (the server allows 0–3600 s).
const SLOW_MODES = [['0', 'Off'], ['10', '10 seconds'], ['30', '30 seconds'], ['60', '1 minute'], ['300', '5 minutes']];

function secondsText(n) {
  if (n % 60 === 0 && n >= 60) return n === 60 ? 'minute' : `${n / 60} minutes`;
  return `${n} seconds`;
}

export async function roomView(main, { params: [slug] }) {
  let room;
  try {
    room = await get(`/api/rooms/${encodeURIComponent(slug)}`);
    room = room.room || room;
  } catch (err) {
    if (isMissing(err)) {
      main.append(h('h1', { text: 'Room not found' }), h('p', {}, 'This room doesn\u2019t exist. ', h('a', { href: '#/rooms', text: 'See all rooms' })));
      return null;
    }
    throw err;
  }
  const conn = connection();
  const me = session.user;
  const isStaff = me && (me.role === 'facilitator' || me.role === 'admin');
  const bySeq = new Map();
  const pending = new Map();
  let oldest = null;
  let hasMore = true;
  let firstJoin = true;
  let announceQueue = [];
  let announceTimer = null;
  const byId = new Map(); // message id -> {m, li}
  const controls = { slow: 0, locked: false, pinned: [] };
  let leftReason = null; // {title, text} once a facilitator took the room away
  const online = new Map(); // handle -> user
  const typers = new Map(); // handle -> timeout
  let lastTypingSent = 0;

  // --- layout -------------------------------------------------------------
  const onlineText = h('span', { class: 'online' });
  const dutyBadge = h('span', { class: 'badge duty-badge', text: 'Facilitator on duty', hidden: !room.facilitator_on_duty });
  const presenceList = h('ul', { class: 'presence-list' });
  const presence = h('details', { class: 'presence' }, h('summary', {}, onlineText), presenceList);
  const loadEarlier = h('button', { type: 'button', class: 'secondary load-earlier', text: 'Load earlier messages', hidden: true });
  const list = h('ol', { class: 'messages', 'aria-label': `Messages in ${room.title || slug}` });
  const scroller = h('div', { class: 'message-scroller', tabindex: '0', 'aria-label': 'Conversation' }, loadEarlier, list);
  const jump = h('button', { type: 'button', class: 'jump', hidden: true, text: 'New messages \u2193' });
  const typingLine = h('p', { class: 'typing', 'aria-hidden': 'true' });
  const support = h('ph-support-card', { hidden: true });
  const inputId = uid('composer');
  const textarea = h('textarea', { id: inputId, rows: 2, maxlength: 4000, required: true, 'aria-describedby': `${inputId}-hint`, autocomplete: 'off' });
  const sendButton = h('button', { type: 'submit', text: 'Send' });
  const roomStatus = h('div', { class: 'room-status', role: 'status' });
  const pinList = h('ul', {});
  const pins = h('details', { class: 'pins', open: true, hidden: true }, h('summary', { text: 'Pinned' }), pinList);
  const staffControls = isStaff && room.id ? roomControlsPanel() : null;
  const composer = h('form', { class: 'composer' },
    h('label', { for: inputId, class: 'visually-hidden', text: `Message ${room.title || slug}` }),
    textarea, sendButton,
    h('p', { id: `${inputId}-hint`, class: 'hint composer-hint', text: 'Enter sends · Shift+Enter for a new line' }));
  const view = h('section', { class: 'room-view', 'aria-labelledby': 'room-title' },
    h('header', { class: 'room-header' },
      h('div', {},
        h('h1', { id: 'room-title', text: room.title || slug }),
        room.description ? h('p', { class: 'room-desc', text: room.description }) : null),
      h('div', { class: 'room-meta' }, presence, dutyBadge, staffControls)),
    pins, scroller, jump, support, typingLine, roomStatus, composer);
  main.append(view);
  document.body.classList.add('in-room');

  // --- rendering ----------------------------------------------------------
  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
  const toBottom = () => { scroller.scrollTop = scroller.scrollHeight; jump.hidden = true; };
  jump.addEventListener('click', () => { toBottom(); textarea.focus(); });
  scroller.addEventListener('scroll', () => {
    if (nearBottom()) jump.hidden = true;
    if (scroller.scrollTop < 40 && hasMore && !loadEarlier.hidden && !loadEarlier.disabled) loadOlder();
  });

  function setPresenceText() {
    const count = online.size || onlineCount(room) || 0;
    onlineText.textContent = `${count} here now`;
    append(clear(presenceList), [...online.keys()].sort().map((name) => h('li', { text: name })));
  }

  function renderTyping() {
    const names = [...typers.keys()];
    typingLine.textContent = names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…`
      : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…';
  }

  // --- room state: slow mode, read-only, pins, mutes ---------------------------
  function renderStatus() {
    const lines = [];
    const mute = room.id ? muteFor(room.id) : null;
    if (leftReason) {
      lines.push(h('p', { class: 'notice' }, h('strong', { text: `${leftReason.title} ` }), leftReason.text, ' ',
        h('button', { type: 'button', class: 'link-button', text: 'Try to come back', onclick: () => { conn.join(slug); } })));
    }
    else if (mute) lines.push(h('p', { class: 'notice', text: `Posting is paused for you here ${untilText(mute.until) || 'for now'}. You can still read along.` }));
    if (controls.locked) lines.push(h('p', { class: 'notice', text: isStaff ? 'Read-only for members right now. You can still post as a facilitator.' : 'This room is read-only for now. You can still read along.' }));
    if (controls.slow > 0) lines.push(h('p', { text: `Slow mode: one message every ${secondsText(controls.slow)}${isStaff ? ' for members' : ''}.` }));
    append(clear(roomStatus), lines);
    // A mute does not close the composer: its end comes without a frame, and the server answers a send clearly.
    const closed = Boolean(leftReason) || (controls.locked && !isStaff);
    textarea.disabled = closed;
    sendButton.disabled = closed;
    if (staffControls) staffControls.sync();
  }

  function renderPins() {
    clear(pinList);
    for (const id of controls.pinned) {
      const known = byId.get(id);
      const text = known ? `${authorName(known.m.author)}: ${known.m.text}` : 'A pinned message from earlier in the conversation.';
      pinList.append(h('li', {}, h('span', { class: 'pin-text', text }),
        isStaff ? h('button', { type: 'button', class: 'link-button', text: 'Unpin', 'aria-label': `Unpin: ${text.slice(0, 60)}`, onclick: () => setPin(id, false) }) : null));
    }
    pins.hidden = controls.pinned.length === 0;
    pins.querySelector('summary').textContent = controls.pinned.length === 1 ? 'Pinned message' : `Pinned messages (${controls.pinned.length})`;
    for (const { li } of byId.values()) li.classList.toggle('pinned', false);
    for (const id of controls.pinned) { const k = byId.get(id); if (k) k.li.classList.add('pinned'); }
    for (const b of list.querySelectorAll('[data-pin-id]')) b.textContent = controls.pinned.includes(Number(b.dataset.pinId)) ? 'Unpin message' : 'Pin message';
  }

  function applyControls(state) {
    if (!state) return;
    if (Number.isInteger(state.slow_mode_seconds)) controls.slow = state.slow_mode_seconds;
    if (typeof state.locked === 'boolean') controls.locked = state.locked;
    const pinned = Array.isArray(state.pinned) ? state.pinned : Array.isArray(state.pins) ? state.pins : null;
    if (pinned) controls.pinned = pinned.map(Number);
    renderStatus();
    renderPins();
  }

  async function setPin(messageId, on) {
    try {
      const state = on ? await post(`/api/moderation/rooms/${room.id}/pins`, { message_id: messageId })
        : await del(`/api/moderation/rooms/${room.id}/pins/${messageId}`);
      applyControls(state);
      toast(on ? 'Message pinned for everyone.' : 'Message unpinned.');
    } catch (err) { toast(err instanceof ApiError ? err.message : 'That did not work.', 'error'); }
  }

  function roomControlsPanel() {
    const slowId = uid('slow');
    const slow = h('select', { id: slowId }, SLOW_MODES.map(([v, t]) => h('option', { value: v, text: t })));
    const lockId = uid('lock');
    const lock = h('input', { type: 'checkbox', id: lockId });
    const apply = h('button', { type: 'submit', text: 'Apply' });
    const form = h('form', { class: 'room-controls-body' },
      h('div', { class: 'field' }, h('label', { for: slowId, text: 'Slow mode' }), slow),
      h('div', { class: 'check' }, lock, h('label', { for: lockId, text: 'Read-only for members' })),
      h('div', { class: 'actions' }, apply));
    const panel = h('details', { class: 'room-controls' }, h('summary', { text: 'Room controls' }), form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      apply.disabled = true;
      try {
        applyControls(await patch(`/api/moderation/rooms/${room.id}`, { slow_mode_seconds: Number(slow.value), locked: lock.checked }));
        toast('Room controls saved.');
        panel.open = false;
      } catch (err) { toast(err instanceof ApiError ? err.message : 'Could not save.', 'error'); } finally { apply.disabled = false; }
    });
    panel.sync = () => {
      if (panel.open) return; // don't change what a facilitator is editing
      if (![...slow.options].some((o) => o.value === String(controls.slow))) slow.append(h('option', { value: String(controls.slow), text: `${controls.slow} seconds` }));
      slow.value = String(controls.slow);
      lock.checked = controls.locked;
    };
    return panel;
  }

  function messageItem(m, { own = false } = {}) {
    const author = authorName(m.author);
    const role = m.author && typeof m.author === 'object' ? m.author.role : null;
    const text = h('p', { class: 'msg-text', text: m.text });
    const li = h('li', { class: `msg${own ? ' own' : ''}` },
      h('div', { class: 'msg-head' },
        h('span', { class: 'author', text: author }),
        role === 'facilitator' || role === 'admin' ? h('span', { class: 'badge', text: 'facilitator' }) : null,
        m.ts ? h('time', { datetime: m.ts, text: formatTime(m.ts) }) : null));
    if (isCollapsed(m.filter)) li.append(collapsedLine(m.filter, text));
    li.append(text, h('div', { class: 'msg-foot' },
      h('span', { class: 'msg-state' }),
      !own && m.id !== undefined ? safetyActions({ type: 'message', id: m.id, room: slug, seq: m.seq }, `message from ${author}`,
        isStaff ? (close) => [...staffButtons({ kind: 'message', id: m.id, author: m.author, place: room.id ? { kind: 'room', id: room.id } : null }, close),
          room.id ? h('button', { type: 'button', class: 'link-button', 'data-pin-id': String(m.id), text: controls.pinned.includes(m.id) ? 'Unpin message' : 'Pin message',
            onclick: () => { close(); setPin(m.id, !controls.pinned.includes(m.id)); } }) : null] : null) : null));
    if (m.removed && typeof m.removed === 'object') li.append(h('p', { class: 'removed-staff', text: 'Removed by a facilitator: only staff see this line.' }));
    if (Number.isInteger(m.seq)) li.dataset.seq = String(m.seq);
    return li;
  }

  function setSendState(li, state, error) {
    li.dataset.state = state;
    const foot = li.querySelector('.msg-foot');
    const label = li.querySelector('.msg-state');
    label.textContent = state === 'sent' ? '' : STATE_LABEL[state] || '';
    for (const old of li.querySelectorAll('.send-actions, .warning')) old.remove();
    if (state !== 'failed') return;
    const id = li.dataset.clientId;
    if (error && error.code === 'personal_details') {
      label.textContent = 'Not sent yet';
      li.append(personalDetailsWarning(error.kinds || error.details, {
        onEdit: () => { textarea.value = conn.outbox.get(id)?.text || li.querySelector('.msg-text').textContent; conn.discard(id); pending.delete(id); li.remove(); textarea.focus(); },
        onSendAnyway: () => conn.retry(id, { confirm: true }),
      }));
      return;
    }
    if (error && error.message) label.textContent = `Not sent: ${error.message}`;
    foot.append(h('span', { class: 'send-actions' },
      h('button', { type: 'button', class: 'link-button', onclick: () => conn.retry(id), text: 'Retry' }),
      h('button', { type: 'button', class: 'link-button', onclick: () => { conn.discard(id); pending.delete(id); li.remove(); }, text: 'Discard' })));
  }

  function placeBySeq(li, seq) {
    const items = list.querySelectorAll('li[data-seq]');
    for (let i = items.length - 1; i >= 0; i -= 1) {
      if (Number(items[i].dataset.seq) < seq) { items[i].after(li); return; }
    }
    list.prepend(li);
  }

  function addMessage(m, { live }) {
    if (!Number.isInteger(m.seq)) return;
    if (bySeq.has(m.seq)) {
      // Our own line, acknowledged before its frame arrived: learn its id (for pins).
      if (Number.isInteger(m.id) && !byId.has(m.id)) {
        byId.set(m.id, { m, li: bySeq.get(m.seq) });
        if (controls.pinned.includes(m.id)) renderPins();
      }
      return;
    }
    const isMine = me && authorName(m.author) === me.handle;
    let li = null;
    if (isMine) {
      // Our own message coming back: adopt the pending bubble instead of showing it twice.
      const id = m.client_msg_id && pending.has(m.client_msg_id) ? m.client_msg_id
        : [...pending.keys()].find((k) => pending.get(k).dataset.state !== 'failed' && pending.get(k).querySelector('.msg-text').textContent === m.text);
      if (id) {
        li = pending.get(id);
        pending.delete(id);
        conn.discard(id);
        li.dataset.seq = String(m.seq);
        setSendState(li, 'sent');
      }
    }
    const stick = nearBottom();
    if (!li) li = messageItem(m, { own: isMine });
    bySeq.set(m.seq, li);
    if (Number.isInteger(m.id)) {
      byId.set(m.id, { m, li });
      if (controls.pinned.includes(m.id)) { li.classList.add('pinned'); renderPins(); }
    }
    placeBySeq(li, m.seq);
    if (oldest === null || m.seq < oldest) oldest = m.seq;
    if (live) {
      if (stick || isMine) toBottom(); else jump.hidden = false;
      if (!isMine) queueAnnouncement(m);
    }
  }

  function queueAnnouncement(m) {
    announceQueue.push(m);
    if (announceTimer) return;
    announceTimer = setTimeout(() => {
      if (announceQueue.length > ANNOUNCE_BURST) announce(`${announceQueue.length} new messages`);
      else for (const q of announceQueue) announce(q.filter && q.filter.action === 'collapse' ? `${authorName(q.author)}: hidden by your filters` : `${authorName(q.author)}: ${q.text}`);
      announceQueue = [];
      announceTimer = null;
    }, 400);
  }

  async function loadHistory(before) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (before !== null) query.set('before', String(before));
    const data = await get(`/api/rooms/${encodeURIComponent(slug)}/messages?${query}`);
    const messages = listOf(data, 'messages');
    hasMore = data && typeof data.has_more === 'boolean' ? data.has_more : messages.length >= PAGE;
    loadEarlier.hidden = !hasMore;
    return messages;
  }

  async function loadOlder() {
    if (oldest === null) return;
    loadEarlier.disabled = true;
    const prevHeight = scroller.scrollHeight;
    const prevTop = scroller.scrollTop;
    try {
      const messages = await loadHistory(oldest);
      for (const m of messages) addMessage(m, { live: false });
      scroller.scrollTop = prevTop + (scroller.scrollHeight - prevHeight);
    } catch (err) {
      toast(err instanceof ApiError ? err.message : 'Could not load earlier messages.', 'error');
    } finally {
      loadEarlier.disabled = false;
    }
  }
  loadEarlier.addEventListener('click', loadOlder);

  async function loadRecent(lastSeq) {
    try {
      const messages = await loadHistory(lastSeq + 1);
      for (const m of messages) addMessage(m, { live: false });
      toBottom();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : 'Could not load recent messages.', 'error');
    }
  }

  // --- socket events --------------------------------------------------------
  const handlers = {
    joined(f) {
      if (f.room !== slug) return;
      if (Array.isArray(f.online)) {
        online.clear();
        for (const u of f.online) online.set(authorName(u), u);
      }
      if (typeof f.facilitator_on_duty === 'boolean') dutyBadge.hidden = !f.facilitator_on_duty;
      setPresenceText();
      if (leftReason) { leftReason = null; renderStatus(); }
      applyControls(f.moderation);
      if (f.gap) {
        for (const li of bySeq.values()) li.remove();
        bySeq.clear();
        oldest = null;
      }
      if ((firstJoin || f.gap) && Number.isInteger(f.last_seq) && f.last_seq > 0) loadRecent(f.last_seq);
      else if (firstJoin) loadEarlier.hidden = true;
      firstJoin = false;
    },
    message(f) { if (f.room === slug) addMessage(f, { live: true }); },
    moderation(f) {
      if (f.room !== slug) return;
      if (f.event === 'room_controls' || f.event === 'pinned' || f.event === 'unpinned') {
        const before = { ...controls };
        applyControls(f);
        if (before.locked !== controls.locked) announce(controls.locked ? 'This room is now read-only.' : 'This room is open for messages again.');
        else if (before.slow !== controls.slow) announce(controls.slow ? `Slow mode is on: one message every ${secondsText(controls.slow)}.` : 'Slow mode is off.');
      }
    },
    left(f) {
      if (f.room !== slug) return;
      const until = untilText(f.until);
      leftReason = f.reason === 'banned'
        ? { title: 'You can no longer post in this room.', text: `A facilitator banned you from it${until ? ` ${until}` : ''}.` }
        : { title: 'A facilitator asked you to step out of this room.', text: `You can come back ${until.replace(/^until/, 'after') || 'in a few minutes'}.` };
      conn.rooms.delete(slug);
      renderStatus();
    },
    removed(f) {
      if (f.room !== slug) return;
      const li = bySeq.get(f.seq);
      if (!li) return;
      clear(li).append(h('p', { class: 'removed', text: 'Message removed by a facilitator.' }));
    },
    presence(f) {
      if (f.room !== slug) return;
      if (Array.isArray(f.online)) { online.clear(); for (const u of f.online) online.set(authorName(u), u); }
      const who = authorName(f.user || f.handle);
      const what = f.event || f.status || f.action || f.state;
      if (f.user || f.handle) {
        if (what === 'leave' || what === 'left' || what === 'offline') online.delete(who);
        else if (what === 'join' || what === 'joined' || what === 'online') online.set(who, f.user);
      }
      if (typeof f.facilitator_on_duty === 'boolean') dutyBadge.hidden = !f.facilitator_on_duty;
      setPresenceText();
    },
    typing(f) {
      if (f.room !== slug) return;
      const who = authorName(f.user || f.handle);
      if (me && who === me.handle) return;
      clearTimeout(typers.get(who));
      typers.set(who, setTimeout(() => { typers.delete(who); renderTyping(); }, TYPING_SHOW_MS));
      renderTyping();
    },
    support(f) {
      if (f.room && f.room !== slug) return;
      support.show(f);
      announce('A private support card with helpline numbers is shown below the messages.');
    },
    async error(f) {
      if (f.room && f.room !== slug) return;
      if (f.code === 'agreement_required') {
        const agreement = agreementFrom(f);
        const accepted = await agreementGate(agreement);
        if (accepted) { conn.leave(slug); conn.join(slug); } else go('#/rooms');
        return;
      }
      if (f.ref && pending.has(f.ref)) {
        // Shown on the message itself; a mute also closes the composer with its until-time.
        if (f.code === 'muted' && room.id) { mutes.set(`room:${room.id}`, f.until || null); renderStatus(); }
        return;
      }
      if (f.code === 'banned' || f.code === 'kicked') {
        leftReason = { title: f.code === 'banned' ? 'You can no longer post in this room.' : 'You were asked to step out of this room for a while.', text: f.message || '' };
        conn.rooms.delete(slug);
        renderStatus();
        return;
      }
      if (f.code === 'not_found') { toast('This room is not available.', 'error'); return; }
      if (f.message) toast(f.message, 'error');
    },
    'send-state'(f) {
      const li = pending.get(f.id);
      if (!li) return;
      if (f.state === 'sent') {
        pending.delete(f.id);
        if (room.id) forgetMute(room.id);
        if (Number.isInteger(f.seq)) {
          if (bySeq.has(f.seq)) { li.remove(); return; }
          li.dataset.seq = String(f.seq);
          bySeq.set(f.seq, li);
          placeBySeq(li, f.seq);
        }
      }
      setSendState(li, f.state, f.error);
    },
  };
  const listeners = Object.entries(handlers).map(([type, fn]) => {
    const listener = (event) => fn(event.detail);
    conn.addEventListener(type, listener);
    return [type, listener];
  });

  // --- composer -------------------------------------------------------------
  function submit() {
    const text = textarea.value.trim();
    if (!text) return;
    const id = conn.send(slug, text);
    const li = messageItem({ author: me, text, ts: new Date().toISOString() }, { own: true });
    li.dataset.clientId = id;
    pending.set(id, li);
    list.append(li);
    setSendState(li, conn.outbox.has(id) ? conn.outbox.get(id).state : 'sending');
    textarea.value = '';
    toBottom();
  }
  composer.addEventListener('submit', (event) => { event.preventDefault(); submit(); textarea.focus(); });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); submit(); }
  });
  textarea.addEventListener('input', () => {
    const now = Date.now();
    if (textarea.value && now - lastTypingSent > TYPING_SEND_MS) { lastTypingSent = now; conn.typing(slug); }
  });

  setPresenceText();
  const stopMutes = onMutesChange(renderStatus);
  renderStatus();
  conn.join(slug);
  textarea.focus();

  return () => {
    for (const [type, listener] of listeners) conn.removeEventListener(type, listener);
    for (const t of typers.values()) clearTimeout(t);
    stopMutes();
    clearTimeout(announceTimer);
    conn.leave(slug);
    document.body.classList.remove('in-room');
  };
}
