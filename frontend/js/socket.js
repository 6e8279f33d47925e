// The one WebSocket connection to /ws (see docs/protocol.md).
//
// Contract kept here:
// - Rooms the person is in are re-joined after every reconnect with
//   `join {room, since: lastSeq}`, so the server replays what was missed.
// - lastSeq only moves forward; views de-duplicate by seq.
// - A send keeps its client_msg_id until acknowledged; after a reconnect it
//   is sent again with the same id (the server stores it once).
// - `offline` from the browser abandons the socket at once (a dead socket
//   can look open for a minute); `online` reconnects immediately.
//
// Events (CustomEvent, detail = frame): state, hello, joined, message, ack,
// error, removed, presence, typing, support, escalation, resync, forum,
// send-state (detail: {id, state, error}), fatal (detail: {code}).

// Reconnect backoff: a phone switching networks usually returns within a
// second, so start fast; double to a ceiling so a down server isn't hammered.
const BACKOFF_FIRST_MS = 300;
const BACKOFF_MAX_MS = 15000;
// Heartbeat: ping every 20 s; if nothing at all arrives for 45 s the socket is
// dead even if the browser has not noticed (mobile NAT timeouts).
const PING_EVERY_MS = 20000;
const DEAD_AFTER_MS = 45000;
// How often pending sends and the heartbeat are checked.
const CHECK_EVERY_MS = 2000;
// A send not acknowledged this long after it went out on an open socket is
// shown as failed, with a retry button.
const ACK_TIMEOUT_MS = 10000;
// Close codes after which reconnecting cannot help (errors.py / docs/protocol.md).
const FATAL_CLOSE = new Set([4401, 4403, 4409]);

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class Connection extends EventTarget {
  constructor() {
    super();
    this.ws = null;
    this.state = 'idle'; // idle | connecting | open | reconnecting | offline | closed
    this.rooms = new Map(); // slug -> {lastSeq}
    this.threads = new Set(); // forum thread ids watched live
    this.outbox = new Map(); // client_msg_id -> {room, text, confirm, state, sentAt}
    this.attempt = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
    this.user = null;
    this.pingEveryMs = PING_EVERY_MS;
    this.onOnline = () => this.reconnectNow();
    this.onOffline = () => this.goOffline();
  }

  start() {
    if (this.state !== 'idle' && this.state !== 'closed') return;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.open();
  }

  stop() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.retryTimer);
    this.abandon(1000);
    this.rooms.clear();
    this.threads.clear();
    this.outbox.clear();
    this.setState('closed');
  }

  emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail })); }

  setState(state, extra = {}) {
    if (this.state === state && !extra.force) return;
    this.state = state;
    this.emit('state', { state, ...extra });
  }

  open() {
    clearTimeout(this.retryTimer);
    if (navigator.onLine === false) { this.setState('offline'); return; }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws;
    try {
      ws = new WebSocket(`${scheme}//${location.host}/ws`);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      this.lastHeard = Date.now();
      this.setState('open');
      for (const [room, info] of this.rooms) this.sendJoin(room, info);
      for (const id of this.threads) this.raw({ type: 'watch_thread', thread_id: id });
      this.startHeartbeat();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame && typeof frame.type === 'string') this.handle(frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopHeartbeat();
      if (FATAL_CLOSE.has(event.code)) {
        this.setState('closed');
        this.emit('fatal', { code: event.code });
        return;
      }
      this.scheduleReconnect();
    };
  }

  /** Drop the current socket without waiting for a close handshake. */
  abandon(code = 1000) {
    const ws = this.ws;
    this.ws = null;
    this.stopHeartbeat();
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try { ws.close(code); } catch { /* already closed */ }
  }

  goOffline() {
    this.abandon(1000);
    clearTimeout(this.retryTimer);
    this.setState('offline');
    // If the browser never fires `online`, try again slowly anyway.
    this.retryTimer = setTimeout(() => this.open(), BACKOFF_MAX_MS);
  }

  reconnectNow() {
    if (this.state === 'closed' || this.state === 'idle') return;
    if (this.ws && this.ws.readyState <= 1) return;
    this.attempt = Math.max(this.attempt, 1);
    this.open();
  }

  scheduleReconnect() {
    this.attempt += 1;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.attempt - 1));
    const delay = base / 2 + Math.random() * base / 2;
    this.setState('reconnecting', { retryInMs: delay, force: true });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  startHeartbeat() {
    this.stopHeartbeat();
    let lastPing = Date.now();
    this.pingTimer = setInterval(() => {
      const now = Date.now();
      if (now - this.lastHeard > DEAD_AFTER_MS) {
        this.abandon(4000);
        this.scheduleReconnect();
        return;
      }
      if (now - lastPing >= this.pingEveryMs) { lastPing = now; this.raw({ type: 'ping' }); }
      this.checkAckTimeouts();
    }, CHECK_EVERY_MS);
  }

  stopHeartbeat() {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  raw(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  // Rooms ------------------------------------------------------------------

  join(room) {
    if (!this.rooms.has(room)) this.rooms.set(room, { lastSeq: null });
    this.start();
    if (this.state === 'open') this.sendJoin(room, this.rooms.get(room));
  }

  leave(room) {
    this.rooms.delete(room);
    this.raw({ type: 'leave', room });
    for (const [id, item] of this.outbox) if (item.room === room && item.state === 'sent') this.outbox.delete(id);
  }

  sendJoin(room, info) {
    const frame = { type: 'join', room };
    if (info.lastSeq !== null) frame.since = info.lastSeq;
    this.raw(frame);
  }

  lastSeq(room) {
    const info = this.rooms.get(room);
    return info ? info.lastSeq : null;
  }

  noteSeq(room, seq) {
    const info = this.rooms.get(room);
    if (info && Number.isInteger(seq) && (info.lastSeq === null || seq > info.lastSeq)) info.lastSeq = seq;
  }

  /** Live forum replies for one thread; re-sent after every reconnect. */
  watchThread(id) {
    this.threads.add(id);
    this.start();
    this.raw({ type: 'watch_thread', thread_id: id });
  }

  unwatchThread(id) {
    this.threads.delete(id);
    this.raw({ type: 'unwatch_thread', thread_id: id });
  }

  // Sending ------------------------------------------------------------------

  send(room, text, { confirm = false, id = null } = {}) {
    const clientMsgId = id || newId();
    const item = { room, text, confirm, state: 'sending', sentAt: 0 };
    this.outbox.set(clientMsgId, item);
    this.transmit(clientMsgId, item);
    this.emit('send-state', { id: clientMsgId, room, state: 'sending' });
    return clientMsgId;
  }

  retry(clientMsgId, { confirm } = {}) {
    const item = this.outbox.get(clientMsgId);
    if (!item) return;
    item.state = 'sending';
    if (confirm !== undefined) item.confirm = confirm;
    this.transmit(clientMsgId, item);
    this.emit('send-state', { id: clientMsgId, room: item.room, state: 'sending' });
  }

  discard(clientMsgId) { this.outbox.delete(clientMsgId); }

  transmit(clientMsgId, item) {
    const frame = { type: 'send', room: item.room, client_msg_id: clientMsgId, text: item.text };
    if (item.confirm) frame.confirm = true;
    if (this.raw(frame)) item.sentAt = Date.now();
  }

  resendPending(room) {
    for (const [id, item] of this.outbox) {
      if (item.room === room && item.state === 'sending') this.transmit(id, item);
    }
  }

  checkAckTimeouts() {
    const now = Date.now();
    for (const [id, item] of this.outbox) {
      if (item.state === 'sending' && item.sentAt && now - item.sentAt > ACK_TIMEOUT_MS) {
        this.fail(id, { code: 'timeout', message: 'Not sent: no answer from the server.' });
      }
    }
  }

  fail(id, error) {
    const item = this.outbox.get(id);
    if (!item) return;
    item.state = 'failed';
    this.emit('send-state', { id, room: item.room, state: 'failed', error });
  }

  typing(room) { this.raw({ type: 'typing', room }); }

  // Incoming -----------------------------------------------------------------

  handle(frame) {
    switch (frame.type) {
      case 'hello':
        this.user = frame.user || null;
        // The server says how often it expects a ping; stay comfortably inside it.
        if (Number.isFinite(frame.heartbeat) && frame.heartbeat > 0) {
          this.pingEveryMs = Math.min(PING_EVERY_MS, frame.heartbeat * 1000 * 0.8);
        }
        break;
      case 'joined':
        if (this.rooms.has(frame.room)) {
          const info = this.rooms.get(frame.room);
          if (frame.gap) info.lastSeq = null; // the view reloads recent history
          this.resendPending(frame.room);
        }
        break;
      case 'message':
        this.noteSeq(frame.room, frame.seq);
        break;
      case 'ack': {
        const item = this.outbox.get(frame.client_msg_id);
        if (item) {
          item.state = 'sent';
          this.outbox.delete(frame.client_msg_id);
          this.emit('send-state', { id: frame.client_msg_id, room: item.room, state: 'sent', seq: frame.seq });
        }
        break;
      }
      case 'error': {
        const ref = frame.ref || frame.client_msg_id;
        if (ref && this.outbox.has(ref)) this.fail(ref, frame);
        break;
      }
      case 'resync':
        for (const [room, info] of this.rooms) if (!frame.room || frame.room === room) this.sendJoin(room, info);
        break;
      default:
        break;
    }
    this.emit(frame.type, frame);
  }
}

let shared = null;
export function connection() {
  if (!shared) shared = new Connection();
  return shared;
}

export function resetConnection() {
  if (shared) shared.stop();
  shared = null;
}
