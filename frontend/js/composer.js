// The forum composer: Write / Preview, and the answers a post can get back
// (personal-details warning with "send anyway", agreement gate, errors).
// Preview is the plain text as typed: the server renders Markdown, and the
// client never builds HTML from what a person typed.

import { ApiError } from './api.js';
import { append, clear, h, uid } from './dom.js';
import { agreementFrom, agreementGate, personalDetailsWarning } from './safety.js';

// Forum bodies are limited to 20,000 characters on the server.
export const MAX_BODY = 20000;

/**
 * onSubmit(body, confirm) -> Promise; it may throw ApiError. Resolves the
 * composer (and clears it) when the server accepted the post.
 */
export function makeComposer({ label, initial = '', submitLabel = 'Post', onSubmit, onCancel, extraFields = [] }) {
  const id = uid('body');
  const textarea = h('textarea', { id, rows: 6, maxlength: MAX_BODY, required: true, 'aria-describedby': `${id}-hint` });
  textarea.value = initial;
  const preview = h('div', { class: 'preview card', hidden: true, 'aria-live': 'polite', tabindex: '0', 'aria-label': 'Preview' });
  const write = h('button', { type: 'button', 'aria-pressed': 'true', text: 'Write' });
  const show = h('button', { type: 'button', 'aria-pressed': 'false', text: 'Preview' });
  const status = h('div', { class: 'composer-status' });
  const submit = h('button', { type: 'submit', text: submitLabel });
  const form = h('form', { class: 'forum-composer' },
    extraFields.map((f) => f.wrap),
    h('div', { class: 'field' },
      h('label', { for: id, text: label }),
      h('p', { class: 'hint', id: `${id}-hint`, text: 'Markdown works: *italic*, **bold**, > quote, - lists, [links](https://…).' }),
      h('div', { class: 'tabs', role: 'group', 'aria-label': 'Editor mode' }, write, show),
      textarea, preview),
    status,
    h('div', { class: 'actions' }, submit,
      onCancel ? h('button', { type: 'button', class: 'secondary', onclick: onCancel, text: 'Cancel' }) : null));

  const setMode = (previewing) => {
    write.setAttribute('aria-pressed', String(!previewing));
    show.setAttribute('aria-pressed', String(previewing));
    textarea.hidden = previewing;
    preview.hidden = !previewing;
    if (previewing) {
      append(clear(preview), [textarea.value.trim()
        ? textarea.value.split(/\n{2,}/).map((para) => h('p', { text: para }))
        : h('p', { class: 'hint', text: 'Nothing to preview yet.' })]);
    }
  };
  write.addEventListener('click', () => { setMode(false); textarea.focus(); });
  show.addEventListener('click', () => setMode(true));

  async function attempt(confirm) {
    clear(status);
    submit.disabled = true;
    try {
      await onSubmit(textarea.value, confirm);
      textarea.value = '';
      setMode(false);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'personal_details') {
        status.append(personalDetailsWarning(err.extra.kinds, {
          onEdit: () => { clear(status); setMode(false); textarea.focus(); },
          onSendAnyway: () => attempt(true),
        }));
      } else if (err.code === 'agreement_required') {
        if (await agreementGate(agreementFrom(err.extra))) await attempt(confirm);
      } else {
        status.append(h('p', { class: 'form-error', role: 'alert', text: err.message }));
      }
    } finally {
      submit.disabled = false;
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!textarea.value.trim()) { textarea.focus(); return; }
    attempt(false);
  });
  return { form, textarea, focus: () => textarea.focus() };
}
