// Safety surfaces shared by rooms and forums: the agreement gate, the
// personal-details warning, report / "I'm worried about someone" dialogs.

import { ApiError, post } from './api.js';
import { clear, field, h, toast, uid } from './dom.js';

/** A modal <dialog>; resolves with the value passed to close(). */
export function modal(title, build, { className = '' } = {}) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const dialog = h('dialog', { class: `dialog ${className}`, 'aria-labelledby': titleId });
    const close = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.append(h('h2', { id: titleId, text: title }), build(close));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(null); });
    document.getElementById('dialogs').append(dialog);
    dialog.showModal();
  });
}

/** The agreement from an `agreement_required` error, whatever its exact shape. */
export function agreementFrom(err) {
  const a = err.agreement || err;
  return {
    id: a.agreement_id ?? a.id ?? null,
    version: a.version ?? a.agreement_version ?? null,
    text: a.text || a.agreement_text || '',
    title: a.title || 'Our confidentiality agreement',
  };
}

/** Show the agreement; resolves true once accepted on the server. */
export function agreementGate(agreement) {
  return modal(agreement.title, (close) => {
    const errors = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const accept = h('button', { type: 'button', text: 'I agree' });
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      try {
        await post(`/api/agreements/${encodeURIComponent(agreement.id)}/accept`, { version: agreement.version });
        close(true);
      } catch (err) {
        accept.disabled = false;
        errors.hidden = false;
        errors.textContent = err instanceof ApiError ? err.message : 'Could not save. Please try again.';
      }
    });
    return h('div', {},
      h('p', { text: 'Before you come in, please read and accept how we keep this space safe.' }),
      h('div', { class: 'agreement-text', tabindex: '0', role: 'document', 'aria-label': 'Agreement text' },
        agreement.text.split(/\n{2,}/).map((para) => h('p', { text: para }))),
      errors,
      h('div', { class: 'actions' }, accept,
        h('button', { type: 'button', class: 'secondary', onclick: () => close(false), text: 'Not now' })));
  }, { className: 'agreement' });
}

const KIND_TEXT = {
  phone: 'a phone number', email: 'an e-mail address', address: 'a street address',
  social: 'a social-media handle or link', name: 'a full name', url: 'a link',
};

export function kindsText(kinds) {
  const list = (Array.isArray(kinds) ? kinds : []).map((k) => KIND_TEXT[k] || String(k).replace(/_/g, ' '));
  if (!list.length) return 'personal details';
  if (list.length === 1) return list[0];
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** The inline personal-details warning with "Edit" and "Send anyway". */
export function personalDetailsWarning(kinds, { onEdit, onSendAnyway }) {
  return h('div', { class: 'warning', role: 'alert' },
    h('p', {}, h('strong', { text: 'This may contain personal details. ' }),
      `It looks like ${kindsText(kinds)}. Anything shared here can be seen by everyone in this space, so think about whether you want to share it.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: onEdit, text: 'Edit message' }),
      h('button', { type: 'button', onclick: onSendAnyway, text: 'Send anyway' })));
}

export const REPORT_REASONS = [
  ['harassment', 'Harassment or bullying'],
  ['spam', 'Spam'],
  ['personal_details', 'Sharing personal details'],
  ['unsafe_content', 'Unsafe content'],
  ['safety_concern', 'I\u2019m worried about someone\u2019s safety'],
  ['other', 'Something else'],
];

/**
 * Report a message, a post or a person. `worried` preselects the safety
 * concern and explains that it goes to facilitators only.
 */
export function reportDialog(target, { worried = false } = {}) {
  const title = worried ? 'I\u2019m worried about someone' : 'Report to facilitators';
  return modal(title, (close) => {
    const name = uid('reason');
    const radios = REPORT_REASONS.map(([value, label]) => {
      const id = uid('r');
      return h('div', { class: 'check' },
        h('input', { type: 'radio', name, id, value, checked: worried ? value === 'safety_concern' : value === 'harassment' }),
        h('label', { for: id, text: label }));
    });
    const details = field('Anything facilitators should know (optional)', { maxlength: 1000, rows: 3 }, { tag: 'textarea' });
    const detailsLabel = details.wrap.querySelector('label');
    // "Something else" needs a few words (the server refuses it without).
    const syncDetails = () => {
      const other = form.querySelector(`input[name="${name}"]:checked`)?.value === 'other';
      details.input.required = other;
      detailsLabel.textContent = other ? 'What is happening? (a few words, needed for \u201cSomething else\u201d)' : 'Anything facilitators should know (optional)';
    };
    const errors = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const form = h('form', {},
      worried ? h('p', { text: 'This goes to facilitators only. It is never sent to the person, and they will not know who asked.' })
        : h('p', { text: 'Facilitators will look at it. The person you report will not learn who reported them.' }),
      h('fieldset', {}, h('legend', { text: 'What is happening?' }), radios),
      details.wrap, errors,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', text: 'Send report' }),
        h('button', { type: 'button', class: 'secondary', onclick: () => close(false), text: 'Cancel' })));
    form.addEventListener('change', syncDetails);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const reason = form.querySelector(`input[name="${name}"]:checked`).value;
      try {
        await post('/api/moderation/reports', {
          target_kind: target.type, target_id: target.id, reason, text: details.input.value || null });
        toast(worried ? 'Thank you. Facilitators have been told.' : 'Thank you. Facilitators will review it.');
        close(true);
      } catch (err) {
        errors.hidden = false;
        errors.textContent = err instanceof ApiError && err.status !== 405 ? err.message
          : 'Reports are not available on this server yet.';
      }
    });
    return form;
  });
}

/**
 * The "More" menu on every message and post: Report, I'm worried about
 * someone; facilitators also get their tools (`staffExtra(close)` → buttons).
 */
export function safetyActions(target, label, staffExtra = null) {
  const menu = h('details', { class: 'more' },
    h('summary', { 'aria-label': `More actions for ${label}`, text: '\u2026' }));
  const body = h('div', { class: 'more-menu' },
    h('button', { type: 'button', class: 'link-button', onclick: () => { menu.open = false; reportDialog(target); }, text: 'Report' }),
    h('button', { type: 'button', class: 'link-button', onclick: () => { menu.open = false; reportDialog(target, { worried: true }); }, text: 'I\u2019m worried about someone' }));
  if (staffExtra) body.append(...staffExtra(() => { menu.open = false; }).filter(Boolean));
  menu.append(body);
  return menu;
}

