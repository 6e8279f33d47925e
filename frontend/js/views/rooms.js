// Room list: online count and "facilitator on duty" badge.

import { get, isMissing, listOf } from '../api.js';
import { h } from '../dom.js';

export function unavailable(main, title, what) {
  main.append(h('h1', { text: title }), h('p', { class: 'card', text: `${what} isn\u2019t available on this server yet.` }));
}

export function onlineCount(room) {
  if (Number.isInteger(room.online)) return room.online;
  if (Array.isArray(room.online)) return room.online.length;
  if (Number.isInteger(room.online_count)) return room.online_count;
  return null;
}

export async function roomListView(main) {
  let rooms;
  try {
    rooms = listOf(await get('/api/rooms'), 'rooms');
  } catch (err) {
    if (isMissing(err)) { unavailable(main, 'Rooms', 'Chat'); return; }
    throw err;
  }
  main.append(
    h('h1', { text: 'Rooms' }),
    h('p', { class: 'lede', text: 'Live group chat with people who get it. Pick a room to come in.' }));
  if (!rooms.length) { main.append(h('p', { class: 'card', text: 'There are no rooms yet.' })); return; }
  main.append(h('ul', { class: 'room-list' }, rooms.map((room) => {
    const count = onlineCount(room);
    return h('li', { class: 'card room-card' },
      h('h2', {}, h('a', { href: `#/rooms/${encodeURIComponent(room.slug)}`, text: room.title || room.slug })),
      room.description ? h('p', { text: room.description }) : null,
      h('p', { class: 'meta' },
        count !== null ? h('span', { class: 'online', text: `${count} here now` }) : null,
        room.facilitator_on_duty ? h('span', { class: 'badge duty-badge', text: 'Facilitator on duty' }) : null,
        room.locked ? h('span', { class: 'badge', text: 'Read-only' }) : null));
  })));
}
