// Facilitator dashboard: on-duty toggle, live escalation queue with an
// unmistakable alert and acknowledge countdown, report queue with context,
// audit log, and a 7-day chart of escalations and time-to-acknowledge.

import { ApiError, get, isMissing, listOf, post } from '../api.js';
import { session } from '../app.js';
import { alertNow, authorName, clear, formatTime, h, toast, uid } from '../dom.js';
import { connection } from '../socket.js';

// Default acknowledge deadline (PEERHUB_ESCALATION_ACK_SECONDS) when the server does not send one.
const DEFAULT_ACK_SECONDS = 120;
const DAY_MS = 86400000;
const OUTCOMES = [['supported', 'Supported'], ['referred', 'Referred to a helpline'], ['emergency_services', 'Emergency services'],
  ['no_response', 'No response'], ['not_a_crisis', 'Not a crisis'], ['other', 'Other']];
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}

let audioCtx = null;
/** A soft two-tone chime generated in the page (no audio files, no network). */
function chime() {
  try {
    audioCtx = audioCtx || new AudioContext();
    for (const [i, freq] of [660, 880].entries()) {
      const osc = audioCtx.createOscillator();
      const gain = audioCtx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, audioCtx.currentTime + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, audioCtx.currentTime + i * 0.25 + 0.4);
      osc.connect(gain).connect(audioCtx.destination);
      osc.start(audioCtx.currentTime + i * 0.25);
      osc.stop(audioCtx.currentTime + i * 0.25 + 0.45);
    }
  } catch { /* sound is optional */ }
}

/** Report reasons: {reason: count} (or a list) as "harassment ×2, spam". */
function reasonsText(reasons) {
  const pairs = Array.isArray(reasons) ? reasons.map((x) => [x, 1]) : Object.entries(reasons || {});
  return pairs.map(([x, n]) => `${String(x).replace(/_/g, ' ')}${n > 1 ? ` \u00d7${n}` : ''}`).join(', ');
}

function contentText(item) {
  if (!item) return '';
  if (typeof item === 'string') return item;
  return item.text || item.body || item.title || '';
}

export async function dashboardView(main) {
  const conn = connection();
  const me = session.user;
  const timers = [];

  // --- duty -----------------------------------------------------------------
  const dutyId = uid('duty');
  const dutyBox = h('input', { type: 'checkbox', id: dutyId });
  const dutyState = h('span', { class: 'meta' });
  const soundId = uid('sound');
  const soundBox = h('input', { type: 'checkbox', id: soundId });
  try {
    const d = await get('/api/moderation/duty');
    dutyBox.checked = listOf(d, 'on_duty').some((u) => ((u.user && u.user.id) ?? u.id ?? u.user_id ?? u) === me.id);
  } catch (err) { if (!isMissing(err)) throw err; dutyBox.disabled = true; }
  const renderDuty = () => { dutyState.textContent = dutyBox.checked ? 'You are on duty: alerts come to this page.' : 'You are off duty.'; };
  renderDuty();
  dutyBox.addEventListener('change', async () => {
    try {
      const r = await post('/api/moderation/duty', { on: dutyBox.checked });
      dutyBox.checked = Boolean(r.on);
    } catch (err) { dutyBox.checked = !dutyBox.checked; toast(err.message, 'error'); }
    renderDuty();
  });

  // --- escalations ------------------------------------------------------------
  const escList = h('div', { class: 'escalations' });
  const escStatus = h('p', { class: 'meta' });
  const escalations = new Map();
  // Server time minus ours, learnt from live frames (the latest item's time is
  // "now" on the server when the frame is sent), so countdowns match its deadline.
  let skewMs = 0;
  const serverNow = () => Date.now() - skewMs;

  function escalationCard(e) {
    const created = Date.parse(e.opened_at || e.created_at || new Date().toISOString());
    const deadline = Date.parse(e.ack_deadline || e.next_alert_at || '') || created + DEFAULT_ACK_SECONDS * 1000;
    const acked = Boolean(e.acked_at || e.acknowledged_at || e.status === 'acknowledged');
    // A concern (one warning sign) is queued quietly for review: no deadline, no countdown.
    const review = e.priority === 'review';
    const countdown = h('span', { class: 'countdown' });
    const tick = () => {
      if (review) { countdown.textContent = acked ? 'Acknowledged' : 'For review (no deadline)'; return; }
      const left = Math.round((deadline - serverNow()) / 1000);
      countdown.textContent = acked ? 'Acknowledged' : left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left to acknowledge` : 'Overdue: please acknowledge';
    };
    tick();
    if (!acked && !review) timers.push(setInterval(tick, 1000));
    const ctx = e.context || (e.items && e.items[0] && e.items[0].context) || {};
    const message = ctx.item || e.message || {};
    const ack = h('button', { type: 'button', text: 'Acknowledge', hidden: acked });
    ack.addEventListener('click', async () => {
      try { await post(`/api/moderation/escalations/${e.id}/ack`); e.acked_at = new Date().toISOString(); replaceCard(e); } catch (err) { toast(err.message, 'error'); }
    });
    const note = h('input', { id: uid('note'), maxlength: 1000 });
    const outcome = h('select', { id: uid('outcome') }, OUTCOMES.map(([v, t]) => h('option', { value: v, text: t })));
    const resolve = h('button', { type: 'button', class: 'secondary', text: 'Resolve' });
    resolve.addEventListener('click', async () => {
      try {
        await post(`/api/moderation/escalations/${e.id}/resolve`, { outcome: outcome.value, note: note.value || null });
        escalations.delete(e.id); card.remove(); updateEscStatus();
      } catch (err) { toast(err.message, 'error'); }
    });
    const card = h('article', { class: `alert-item${acked ? ' acked' : ''}${review ? ' review' : ''}`, 'aria-label': `Escalation: ${e.level || 'crisis'}` },
      h('h3', {}, `${String(e.level || 'crisis').toUpperCase()} · ${String(e.category || '').replace(/_/g, ' ') || 'needs a facilitator'}`),
      h('p', { class: 'meta' }, h('span', { text: `${authorName(e.writer || e.user || message.author)}` }),
        e.place ? h('span', { text: `in ${e.place.kind} ${e.place.id}` }) : null,
        h('time', { datetime: new Date(created).toISOString(), text: formatTime(new Date(created).toISOString()) }), countdown),
      contentText(message) ? h('blockquote', { class: 'msg-text', text: contentText(message) }) : null,
      h('div', { class: 'actions' }, ack),
      h('div', { class: 'row resolve-row' },
        h('div', { class: 'field' }, h('label', { for: outcome.id, text: 'Outcome' }), outcome),
        h('div', { class: 'field grow' }, h('label', { for: note.id, text: 'Resolution note (facilitators only)' }), note),
        h('div', { class: 'field' }, resolve)));
    return card;
  }
  function replaceCard(e) {
    const old = escalations.get(e.id);
    const card = escalationCard(e);
    escalations.set(e.id, card);
    if (old) old.replaceWith(card); else escList.prepend(card);
    updateEscStatus();
  }
  function updateEscStatus() { escStatus.textContent = escalations.size ? `${escalations.size} open` : 'Nothing open. Thank you for being here.'; }
  let escAvailable = true;
  try {
    for (const e of listOf(await get('/api/moderation/escalations'), 'escalations')) replaceCard(e);
  } catch (err) { if (!isMissing(err)) throw err; escAvailable = false; }
  updateEscStatus();
  if (!escAvailable) escStatus.textContent = 'Crisis escalations are not available on this server yet.';
  const onEscalation = (event) => {
    const e = event.detail.escalation || event.detail;
    if (e.id === undefined) return;
    const sent = Date.parse(e.last_at || e.opened_at || '');
    if (sent && (e.event === 'opened' || e.event === 'attached')) skewMs = Date.now() - sent;
    if (e.status === 'resolved') { const old = escalations.get(e.id); if (old) old.remove(); escalations.delete(e.id); updateEscStatus(); return; }
    replaceCard(e);
    if (e.event !== 'opened' && e.event !== 'attached' && e.event !== 'realert') return;
    if (e.priority === 'review') return; // quiet: shown in the queue, no alarm, no sound
    alertNow(`Crisis alert${e.place ? ` in ${e.place.kind} ${e.place.id}` : ''}: ${authorName(e.writer)} needs a facilitator now.`);
    if (soundBox.checked) chime();
    document.title = `(!) Crisis alert · peerhub`;
  };
  conn.addEventListener('escalation', onEscalation);

  // --- reports ----------------------------------------------------------------
  const reportList = h('div', {});
  async function loadReports() {
    let reports = [];
    try { reports = listOf(await get('/api/moderation/reports?status=open'), 'reports'); } catch (err) {
      clear(reportList).append(h('p', { text: isMissing(err) ? 'Reports are not available yet.' : err.message })); return;
    }
    clear(reportList);
    if (!reports.length) { reportList.append(h('p', { class: 'meta', text: 'No open reports.' })); return; }
    for (const r of reports) {
      const content = r.content || {};
      const ctxList = (items) => (items || []).map((m) => h('li', { class: 'context-line' }, h('span', { class: 'author', text: `${authorName(m.author)}: ` }), contentText(m)));
      const claim = h('button', { type: 'button', class: 'secondary', text: r.claimed_by ? 'Claimed' : 'Claim', disabled: Boolean(r.claimed_by) });
      claim.addEventListener('click', () => post(`/api/moderation/reports/${r.id}/claim`).then(() => { claim.textContent = 'Claimed'; claim.disabled = true; }, (e) => toast(e.message, 'error')));
      const resolveWith = async (outcome, withRemoval) => {
        try {
          let auditId = null;
          if (withRemoval && r.target.kind !== 'user') auditId = (await post(`/api/moderation/content/${r.target.kind}/${r.target.id}/remove`, { reason: 'report' })).audit_id;
          await post(`/api/moderation/reports/${r.id}/resolve`, { outcome, action_audit_id: auditId });
          toast('Report resolved.');
          loadReports();
        } catch (e) { toast(e instanceof ApiError ? e.message : 'Failed.', 'error'); }
      };
      reportList.append(h('article', { class: 'card', 'aria-label': `Report ${r.id}` },
        h('h3', {}, `${r.target.kind} · ${reasonsText(r.reasons) || 'reported'}`),
        h('p', { class: 'meta', text: `${r.filings || 1} ${r.filings === 1 ? 'report' : 'reports'} · severity ${r.severity ?? '?'} · ${formatTime(r.created_at)}` }),
        content.before && content.before.length ? h('ul', { class: 'plain-list', 'aria-label': 'Before' }, ctxList(content.before)) : null,
        content.item ? h('blockquote', {}, h('strong', { text: `${authorName(content.item.author)}: ` }), h('span', { class: 'msg-text', text: contentText(content.item) })) : null,
        content.after && content.after.length ? h('ul', { class: 'plain-list', 'aria-label': 'After' }, ctxList(content.after)) : null,
        h('div', { class: 'actions' }, claim,
          h('button', { type: 'button', class: 'secondary', onclick: () => resolveWith('dismissed', false), text: 'Dismiss' }),
          r.target.kind !== 'user' ? h('button', { type: 'button', onclick: () => resolveWith('actioned', true), text: 'Remove and resolve' }) : null)));
    }
  }
  await loadReports();

  // --- audit ------------------------------------------------------------------
  const auditBody = h('tbody', {});
  const auditMore = h('button', { type: 'button', class: 'secondary', text: 'Older entries', hidden: true });
  const auditCount = h('p', { class: 'meta', role: 'status' });
  let auditCursor = null;
  async function loadAudit() {
    const data = await get(`/api/moderation/audit${auditCursor ? `?cursor=${encodeURIComponent(auditCursor)}` : ''}`);
    for (const e of listOf(data, 'entries')) {
      auditBody.append(h('tr', {}, h('td', {}, h('time', { datetime: e.at, text: formatTime(e.at) })), h('td', { text: `#${e.actor_id ?? ''}` }),
        h('td', { text: String(e.action).replace(/_/g, ' ') }), h('td', { text: e.target ? `${e.target.kind} ${e.target.id}` : '' }), h('td', { text: e.reason || '' })));
    }
    auditCursor = data && data.next_cursor ? data.next_cursor : null;
    auditMore.hidden = !auditCursor;
    auditCount.textContent = `Showing ${auditBody.childElementCount} ${auditBody.childElementCount === 1 ? 'entry' : 'entries'}${auditCursor ? '' : ' (all)'}.`;
  }
  auditMore.addEventListener('click', async () => {
    auditMore.disabled = true;
    try { await loadAudit(); } catch (err) { toast(err instanceof ApiError ? err.message : 'Could not load more.', 'error'); } finally { auditMore.disabled = false; }
  });
  try { await loadAudit(); } catch (err) { if (!isMissing(err)) throw err; }

  // --- chart ------------------------------------------------------------------
  const chart = h('div', {});
  await drawChart(chart);

  main.append(h('h1', { text: 'Facilitator dashboard' }),
    h('section', { class: 'card', 'aria-labelledby': 'duty-title' }, h('h2', { id: 'duty-title', text: 'Duty' }),
      h('div', { class: 'check' }, dutyBox, h('label', { for: dutyId, text: 'I am on duty' })), dutyState,
      h('div', { class: 'check' }, soundBox, h('label', { for: soundId, text: 'Play a sound on a new alert' }))),
    h('section', { class: 'card', 'aria-labelledby': 'esc-title' }, h('h2', { id: 'esc-title', text: 'Crisis escalations' }), escStatus, escList),
    h('section', { class: 'card', 'aria-labelledby': 'rep-title' }, h('h2', { id: 'rep-title', text: 'Reports' }), reportList),
    h('section', { class: 'card', 'aria-labelledby': 'chart-title' }, h('h2', { id: 'chart-title', text: 'Last 7 days' }), chart),
    h('section', { class: 'card', 'aria-labelledby': 'audit-title' }, h('h2', { id: 'audit-title', text: 'Audit log' }),
      h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Target', 'Reason'].map((t) => h('th', { scope: 'col', text: t })))), auditBody)), auditCount, auditMore));

  return () => { conn.removeEventListener('escalation', onEscalation); timers.forEach(clearInterval); };
}

/** Escalations per day (bars) and median minutes to acknowledge (line), as inline SVG with a text table. */
async function drawChart(box) {
  let days;
  try {
    const data = await get('/api/moderation/escalations/stats?days=7');
    days = listOf(data, 'days');
  } catch (err) {
    if (!isMissing(err) && !(err instanceof ApiError && err.status === 422)) throw err;
    box.append(h('p', { class: 'meta', text: 'Escalation statistics are not available on this server yet.' }));
    return;
  }
  if (!days.length) {
    const today = Date.now();
    days = Array.from({ length: 7 }, (_, i) => ({ date: new Date(today - (6 - i) * DAY_MS).toISOString().slice(0, 10), count: 0, median_ack_seconds: null }));
  }
  // Narrower drawing on phones so the labels stay readable when the SVG scales to fit.
  const W = window.innerWidth < 600 ? 340 : 560; const H = 200; const pad = 30;
  const maxCount = Math.max(1, ...days.map((d) => d.count || 0));
  const maxAck = Math.max(60, ...days.map((d) => d.median_ack_seconds || 0));
  const bw = (W - 2 * pad) / days.length;
  const chartSvg = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'Escalations per day and median time to acknowledge, last 7 days. The table below has the numbers.' });
  chartSvg.append(svg('line', { class: 'axis', x1: pad, y1: H - pad, x2: W - pad, y2: H - pad }));
  const points = [];
  days.forEach((d, i) => {
    const x = pad + i * bw;
    const bh = ((d.count || 0) / maxCount) * (H - 2 * pad);
    chartSvg.append(svg('rect', { class: 'bar', x: x + bw * 0.2, y: H - pad - bh, width: bw * 0.6, height: bh }));
    if (d.count) chartSvg.append(svg('text', { class: 'value', x: x + bw / 2, y: H - pad - bh - 4, 'text-anchor': 'middle' }, String(d.count)));
    chartSvg.append(svg('text', { x: x + bw / 2, y: H - 10, 'text-anchor': 'middle' }, String(d.date).slice(5)));
    if (d.median_ack_seconds !== null && d.median_ack_seconds !== undefined) points.push(`${x + bw / 2},${H - pad - (d.median_ack_seconds / maxAck) * (H - 2 * pad)}`);
  });
  if (points.length > 1) chartSvg.append(svg('polyline', { class: 'line', points: points.join(' ') }));
  for (const p of points) { const [cx, cy] = p.split(','); chartSvg.append(svg('circle', { class: 'point', cx, cy, r: 4 })); }
  const legend = h('p', { class: 'meta chart-legend' },
    h('span', {}, h('span', { class: 'key key-bar', 'aria-hidden': 'true' }), 'Escalations per day'),
    h('span', {}, h('span', { class: 'key key-line', 'aria-hidden': 'true' }), `Median time to acknowledge (top = ${Math.round(maxAck)} s)`));
  box.append(chartSvg, legend, h('div', { class: 'table-wrap' }, h('table', { class: 'chart-table' }, h('caption', { class: 'visually-hidden', text: 'Escalations by day' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Day' }), h('th', { scope: 'col', text: 'Escalations' }), h('th', { scope: 'col', text: 'Median time to acknowledge' }))),
    h('tbody', {}, days.map((d) => h('tr', {}, h('td', { text: d.date }), h('td', { text: String(d.count || 0) }),
      h('td', { text: d.median_ack_seconds === null || d.median_ack_seconds === undefined ? '—' : `${Math.round(d.median_ack_seconds)} s` })))))));
}
