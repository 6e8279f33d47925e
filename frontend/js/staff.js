// Facilitator tools on a message or post: remove, mute, kick, ban, check-in.
// Every action asks for an optional reason (it goes to the audit log).

import { ApiError, post } from './api.js';
import { field, h, toast } from './dom.js';
import { modal } from './safety.js';

const DURATIONS = [['600', '10 minutes'], ['3600', '1 hour'], ['86400', '1 day'], ['604800', '1 week'], ['', 'Until lifted']];

function actionDialog(title, { withDuration = false, textLabel = 'Reason (optional, for the audit log)', required = false } = {}) {
  return modal(title, (close) => {
    const text = field(textLabel, { rows: 3, maxlength: required ? 2000 : 500, required }, { tag: 'textarea' });
    let duration = null;
    if (withDuration) {
      const id = `dur-${Math.random().toString(36).slice(2)}`;
      duration = h('select', { id }, DURATIONS.map(([v, t]) => h('option', { value: v, text: t })));
      duration.value = '3600';
      duration = { el: duration, wrap: h('div', { class: 'field' }, h('label', { for: id, text: 'For how long' }), duration) };
    }
    const form = h('form', {}, duration ? duration.wrap : null, text.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Confirm' }),
        h('button', { type: 'button', class: 'secondary', onclick: () => close(null), text: 'Cancel' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      close({ text: text.input.value.trim() || null, seconds: duration && duration.el.value ? Number(duration.el.value) : null });
    });
    return form;
  });
}

async function run(label, fn) {
  try { await fn(); toast(`${label}: done.`); } catch (err) { toast(err instanceof ApiError ? err.message : `${label} failed.`, 'error'); }
}

/** Buttons for the "More" menu of a message or post (kind: message | post). */
export function staffButtons({ kind, id, author, place }, closeMenu) {
  const btn = (text, onclick) => h('button', { type: 'button', class: 'link-button', text, onclick: () => { closeMenu(); onclick(); } });
  const sanction = (kindName, title, withDuration) => async () => {
    const r = await actionDialog(title, { withDuration });
    if (!r) return;
    await run(title, () => post('/api/moderation/sanctions', {
      kind: kindName, user_id: author.id, place: place || null, duration_seconds: r.seconds, reason: r.text }));
  };
  return [
    btn('Remove', async () => {
      const r = await actionDialog(`Remove this ${kind}`);
      if (r) await run('Remove', () => post(`/api/moderation/content/${kind}/${id}/remove`, { reason: r.text }));
    }),
    author && author.id ? btn(`Mute ${author.handle}`, sanction('mute', `Mute ${author.handle}`, true)) : null,
    author && author.id && place ? btn(`Kick ${author.handle}`, sanction('kick', `Kick ${author.handle} from this room`, false)) : null,
    author && author.id ? btn(`Ban ${author.handle}`, sanction('ban', `Ban ${author.handle}`, true)) : null,
    author && author.id ? btn(`Check in with ${author.handle}`, async () => {
      const r = await actionDialog(`A private check-in for ${author.handle}`, { textLabel: 'Your note (they alone will see it)', required: true });
      if (r && r.text) await run('Check-in', () => post('/api/moderation/checkins', { user_id: author.id, text: r.text }));
    }) : null,
  ];
}
