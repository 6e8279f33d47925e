// Calm, persistent banners for things said to this person alone: a
// facilitator's check-in note, a mute / kick / ban (with until when), a
// report that was reviewed. They sit under the header on every screen until
// dismissed; screen readers hear them through the region's polite live role.
//
// Frames (docs: peerhub/moderation/service.py, user:<id> channel):
//   {type: "checkin", id, text, created_at}
//   {type: "moderation", event: muted|banned|kicked|unmuted|unbanned, place, until}
//   {type: "moderation", event: report_reviewed, report, outcome}
//   {type: "left", room, reason, until}   (a room kick/ban took the room away)

import { get, listOf } from './api.js';
import { clear, h } from './dom.js';

// At most this many unseen check-ins are brought back at start-up (newest first);
// by count, not age, because the browser's clock may disagree with the server's.
const CHECKIN_SHOW_MAX = 3;
const SEEN_KEY = 'peerhub.seen-checkins';
// Remember at most this many dismissed check-in ids (localStorage stays tiny).
const SEEN_MAX = 50;

/** Active mutes known in this tab: key "room:3" | "category:2" | "site" -> until (ISO) or null. */
export const mutes = new Map();

/**
 * The mute that applies to a room (its own or site-wide), as {until} or null.
 * Not expired by the browser's clock (it may disagree with the server's): a
 * mute is forgotten on `unmuted` or when a line in that room is accepted.
 */
export function muteFor(roomId) {
  for (const key of [`room:${roomId}`, 'site']) if (mutes.has(key)) return { until: mutes.get(key) };
  return null;
}

/** A line was accepted in this room: no mute applies there any more. */
export function forgetMute(roomId) {
  if (mutes.delete(`room:${roomId}`) | mutes.delete('site')) changed();
}

const listeners = new Set();
/** Called with no arguments whenever `mutes` changes (the room view re-renders its status line). */
export function onMutesChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }
const changed = () => { for (const fn of listeners) fn(); };

export function placeKey(place) { return place && place.kind ? `${place.kind}:${place.id}` : 'site'; }

/** "until 14:30" / "until Tue 25 Nov, 14:30"; empty when there is no end. */
export function untilText(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === new Date().toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? `until ${time}` : `until ${d.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })}, ${time}`;
}

let roomNames = null;
async function placeName(place) {
  if (!place || !place.kind) return 'anywhere on peerhub';
  if (place.kind === 'room') {
    try {
      if (!roomNames) roomNames = new Map(listOf(await get('/api/rooms'), 'rooms').map((r) => [r.id, r.title || r.slug]));
    } catch { roomNames = null; }
    const name = roomNames && roomNames.get(place.id);
    return name ? `in ${name}` : 'in this room';
  }
  return 'in this forum category';
}

function box() { return document.getElementById('notices'); }

/** Show a banner; `key` replaces an earlier banner with the same key. */
export function showNotice({ key, title, text, kind = 'info', action = 'OK', link = null, onDismiss = null }) {
  const region = box();
  if (!region) return null;
  if (key) for (const old of region.querySelectorAll('.banner')) if (old.dataset.key === key) old.remove();
  const dismiss = h('button', { type: 'button', class: 'secondary', text: action });
  const banner = h('section', { class: `banner banner-${kind}`, 'aria-label': title, 'data-key': key || '' },
    h('h2', { text: title }),
    text ? h('p', { class: 'banner-text', text }) : null,
    h('div', { class: 'actions' }, link ? h('a', { href: link.href, class: 'button secondary', text: link.text }) : null, dismiss));
  dismiss.addEventListener('click', () => { banner.remove(); if (onDismiss) onDismiss(); });
  region.append(banner);
  return banner;
}

function seenCheckins() {
  try { return new Set(JSON.parse(localStorage.getItem(SEEN_KEY) || '[]')); } catch { return new Set(); }
}
function markSeen(id) {
  const seen = [...seenCheckins(), id].slice(-SEEN_MAX);
  try { localStorage.setItem(SEEN_KEY, JSON.stringify(seen)); } catch { /* private mode: shown again next time */ }
}

function showCheckin(c) {
  if (c.id === undefined || seenCheckins().has(c.id)) return;
  showNotice({
    key: `checkin-${c.id}`, kind: 'support', title: 'A facilitator checked in with you',
    text: c.text, action: 'Thank you', onDismiss: () => markSeen(c.id),
  });
}

async function onModeration(f, myId) {
  // On-duty staff also receive copies of other people's sanctions: only ours are banners.
  if (f.user_id !== undefined && f.user_id !== myId) return;
  const where = await placeName(f.place);
  const until = untilText(f.until);
  const key = `sanction-${placeKey(f.place)}`;
  switch (f.event) {
    case 'muted':
      mutes.set(placeKey(f.place), f.until || null); changed();
      showNotice({ key, kind: 'calm', title: 'Posting is paused for you',
        text: `A facilitator paused your posting ${where}${until ? ` ${until}` : ' for now'}. You can still read along. This is a pause, not a judgement; take a breath and come back.` });
      break;
    case 'unmuted':
      mutes.delete(placeKey(f.place)); changed();
      showNotice({ key, kind: 'calm', title: 'You can post again', text: `Your posting ${where} is open again.` });
      break;
    case 'kicked':
      showNotice({ key, kind: 'calm', title: 'You were asked to step out of a room',
        text: `A facilitator asked you to leave ${where.replace(/^in /, '')}. You can come back ${until.replace(/^until/, 'after') || 'in a few minutes'}.` });
      break;
    case 'banned':
      showNotice({ key, kind: 'calm', title: 'You can no longer take part here',
        text: `A facilitator banned you ${where}${until ? ` ${until}` : ''}. If you are struggling, the helplines are always open: call 1-800-662-4357 or call or text 988.` });
      break;
    case 'unbanned':
      showNotice({ key, kind: 'calm', title: 'Your ban was lifted', text: `You can take part ${where} again.` });
      break;
    case 'report_reviewed':
      showNotice({ key: `report-${f.report}`, kind: 'info', title: 'A facilitator reviewed your report',
        text: `Outcome: ${f.outcome || 'reviewed'}. Thank you for looking out for others.`,
        link: { href: '#/reports', text: 'My reports' } });
      break;
    default:
      break;
  }
}

/** Wire the banners to a connection and bring back unseen check-ins. */
const bound = new WeakSet();
export function bindNotices(conn, myId) {
  if (bound.has(conn)) return;
  bound.add(conn);
  conn.addEventListener('checkin', (event) => showCheckin(event.detail));
  conn.addEventListener('moderation', (event) => { onModeration(event.detail, myId); });
  get('/api/moderation/checkins').then((data) => {
    const unseen = listOf(data, 'checkins').filter((c) => !seenCheckins().has(c.id));
    unseen.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    for (const c of unseen.slice(0, CHECKIN_SHOW_MAX).reverse()) showCheckin(c);
  }).catch(() => { /* not available: live ones still show */ });
}

export function clearNotices() { const region = box(); if (region) clear(region); mutes.clear(); changed(); }
