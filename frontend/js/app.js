// App shell: who is logged in, the hash router, the navigation and the
// connection indicator. Screens live in views/*.js and are loaded on demand,
// so the first load stays small.

import { ApiError, get, post, setCsrf } from './api.js';
import { alertNow, clear, h } from './dom.js';
import { connection, resetConnection } from './socket.js';
import { bindNotices, clearNotices, showNotice } from './notices.js';
import './elements.js';

export const session = { user: null };

const isStaff = () => session.user && (session.user.role === 'facilitator' || session.user.role === 'admin');

// route pattern -> [module, export]. First match wins.
const ROUTES = [
  [/^\/signup$/, 'auth', 'signupView', { public: true }],
  [/^\/login$/, 'auth', 'loginView', { public: true }],
  [/^\/recover$/, 'auth', 'recoverView', { public: true }],
  [/^\/rooms$/, 'rooms', 'roomListView'],
  [/^\/rooms\/([^/]+)$/, 'room', 'roomView'],
  [/^\/forum$/, 'forum', 'categoriesView'],
  [/^\/forum\/c\/(\d+)$/, 'forum', 'threadListView'],
  [/^\/forum\/c\/(\d+)\/new$/, 'forum', 'newThreadView'],
  [/^\/forum\/t\/(\d+)$/, 'thread', 'threadView'],
  [/^\/forum\/search$/, 'forum', 'searchView'],
  [/^\/notifications$/, 'forum', 'notificationsView'],
  [/^\/filters$/, 'filters', 'filtersView'],
  [/^\/dashboard$/, 'dashboard', 'dashboardView', { staff: true }],
  [/^\/account$/, 'account', 'accountView'],
  [/^\/reports$/, 'account', 'myReportsView'],
];

const NAV = [
  ['#/rooms', 'Rooms', /^\/rooms/],
  ['#/forum', 'Forums', /^\/forum/],
  ['#/notifications', 'Replies', /^\/notifications/],
  ['#/filters', 'Filters', /^\/filters/],
  ['#/dashboard', 'Facilitators', /^\/dashboard/, true],
  ['#/account', 'Account', /^\/account/],
];

let cleanup = null;
let renderToken = 0;

export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(query) };
}

export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderNav(path) {
  const list = document.getElementById('nav-list');
  clear(list);
  document.getElementById('conn-status').hidden = !session.user;
  if (!session.user) {
    list.append(
      h('li', {}, h('a', { href: '#/login', 'aria-current': path === '/login' ? 'page' : null, text: 'Log in' })),
      h('li', {}, h('a', { href: '#/signup', 'aria-current': path === '/signup' ? 'page' : null, text: 'Sign up' })));
    return;
  }
  for (const [href, label, match, staffOnly] of NAV) {
    if (staffOnly && !isStaff()) continue;
    list.append(h('li', {}, h('a', { href, 'aria-current': match.test(path) ? 'page' : null, text: label })));
  }
  list.append(h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: logout, text: 'Log out' })));
}

const PUBLIC_PATH = /^\/(login|signup|recover)$/;

export async function logout() {
  session.user = null;
  resetConnection();
  clearNotices();
  renderNav(parseHash().path);
  try { await post('/api/auth/logout'); } catch { /* the session may already be gone */ }
  setCsrf(null);
  if (!PUBLIC_PATH.test(parseHash().path)) go('#/login');
}

export function setUser(user) {
  session.user = user;
  if (user) {
    const conn = connection();
    conn.addEventListener('fatal', onFatal);
    bindNotices(conn, user.id);
    conn.start();
    document.getElementById('conn-status').bind(conn);
  }
}

function onFatal(event) {
  if (event.detail.code === 4401) {
    if (!session.user) return;
    session.user = null;
    resetConnection();
    alertNow('Your session ended. Please log in again.');
    if (!PUBLIC_PATH.test(parseHash().path)) go('#/login');
  } else if (event.detail.code === 4403) {
    showNotice({ key: 'closed', kind: 'calm', title: 'Chat is closed for this account',
      text: 'A facilitator closed chat for this account. If you are struggling, the helplines are always open: call 1-800-662-4357 or call or text 988.' });
  } else {
    showNotice({ key: 'closed', kind: 'calm', title: 'You were asked to step out',
      text: 'A facilitator asked you to leave for now. Reload the page later to come back.' });
  }
}

async function route() {
  const token = ++renderToken;
  const { path, query } = parseHash();
  if (cleanup) { try { cleanup(); } catch { /* view already gone */ } cleanup = null; }
  let match = null;
  for (const [pattern, mod, name, opts = {}] of ROUTES) {
    const m = path.match(pattern);
    if (m) { match = { mod, name, opts, params: m.slice(1).map(decodeURIComponent) }; break; }
  }
  if (!match) { go(session.user ? '#/rooms' : '#/login'); return; }
  if (!match.opts.public && !session.user) { go(`#/login?next=${encodeURIComponent(path)}`); return; }
  if (match.opts.public && session.user && path !== '/recover') { go('#/rooms'); return; }
  renderNav(path);
  const main = document.getElementById('main');
  if (match.opts.staff && !isStaff()) {
    clear(main).append(h('h1', { text: 'Not available' }), h('p', { text: 'This page is for facilitators.' }));
    return;
  }
  try {
    const module = await import(`./views/${match.mod}.js`);
    if (token !== renderToken) return;
    clear(main);
    cleanup = (await module[match.name](main, { params: match.params, query })) || null;
  } catch (err) {
    if (token !== renderToken) return;
    if (err instanceof ApiError && err.status === 401) { session.user = null; go('#/login'); return; }
    if (err instanceof ApiError && err.code === 'agreement_required') {
      // A gated category or room: read and accept its agreement, then show the page.
      const { agreementFrom, agreementGate } = await import('./safety.js');
      if (await agreementGate(agreementFrom(err.extra))) { if (token === renderToken) route(); return; }
      if (token !== renderToken) return;
      clear(main).append(h('h1', { text: 'Agreement needed' }),
        h('p', { text: 'This space asks everyone to accept its confidentiality agreement before reading.' }),
        h('button', { type: 'button', onclick: () => route(), text: 'Read the agreement' }));
      return;
    }
    // A bug, not a refusal: leave a trace for whoever looks (the browser tests fail on it).
    if (!(err instanceof ApiError)) console.error('view failed:', err);
    clear(main).append(
      h('h1', { text: 'Something went wrong' }),
      h('p', { text: err instanceof ApiError ? err.message : 'This page could not be shown. Please try again.' }),
      h('button', { type: 'button', onclick: () => route(), text: 'Try again' }));
  }
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · peerhub` : 'peerhub';
  // Move focus to the new screen so keyboard and screen-reader users start at its top.
  if (!main.contains(document.activeElement) || document.activeElement === document.body) {
    (heading || main).setAttribute('tabindex', '-1');
    (heading || main).focus({ preventScroll: true });
  }
}

async function boot() {
  try {
    const me = await get('/api/me');
    setUser(me.user);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) {
      alertNow('peerhub could not be reached. Retrying when you reload.');
    }
  }
  window.addEventListener('hashchange', route);
  await route();
}

boot();
