// Account: change password, export my data, delete my account.

import { ApiError, del, get, listOf, post } from '../api.js';
import { logout, session } from '../app.js';
import { field, formatTime, h, toast } from '../dom.js';
import { modal } from '../safety.js';

function errorLine() { return h('p', { class: 'form-error', role: 'alert', hidden: true }); }
function showErr(el, err) { el.hidden = false; el.textContent = err instanceof ApiError ? err.message : 'Something went wrong.'; }

export function accountView(main) {
  const oldPw = field('Current password', { type: 'password', autocomplete: 'current-password', required: true });
  const newPw = field('New password', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 },
    { hint: 'At least 10 characters. Every other device will be logged out.' });
  const pwErr = errorLine();
  const pwForm = h('form', { class: 'card', 'aria-labelledby': 'pw-title' },
    h('h2', { id: 'pw-title', text: 'Change password' }), pwErr, oldPw.wrap, newPw.wrap,
    h('button', { type: 'submit', text: 'Change password' }));
  pwForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    pwErr.hidden = true;
    try {
      await post('/api/auth/password', { old_password: oldPw.input.value, new_password: newPw.input.value });
      oldPw.input.value = newPw.input.value = '';
      toast('Password changed. Other devices were logged out.');
    } catch (err) { showErr(pwErr, err); }
  });

  const exportSection = h('section', { class: 'card', 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title', text: 'Your data' }),
    h('p', { text: 'Download everything you wrote here and your settings, as one JSON file.' }),
    h('a', { class: 'button secondary', href: '/api/me/export', download: 'peerhub-export.json', text: 'Export my data' }));

  const reportsSection = h('section', { class: 'card', 'aria-labelledby': 'myrep-title' },
    h('h2', { id: 'myrep-title', text: 'Your reports' }),
    h('p', { text: 'See whether facilitators have reviewed what you reported.' }),
    h('a', { class: 'button secondary', href: '#/reports', text: 'My reports' }));

  const delButton = h('button', { type: 'button', class: 'danger', text: 'Delete my account' });
  delButton.addEventListener('click', async () => {
    const done = await modal('Delete your account?', (close) => {
      const pw = field('Your password', { type: 'password', autocomplete: 'current-password', required: true });
      const err = errorLine();
      const form = h('form', {},
        h('p', { text: 'This removes every message and post you wrote, your filters and your sessions. It cannot be undone. Replies others wrote to you stay, under “[deleted]”.' }),
        pw.wrap, err,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', class: 'danger', text: 'Delete everything' }),
          h('button', { type: 'button', class: 'secondary', onclick: () => close(false), text: 'Keep my account' })));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await del('/api/me', { password: pw.input.value, mode: 'erase' });
          close(true);
        } catch (e) {
          showErr(err, e instanceof ApiError && e.status === 405 ? new ApiError(405, 'x', 'Deleting accounts is not available on this server yet.') : e);
        }
      });
      return form;
    });
    if (done) { toast('Your account was deleted.'); await logout(); }
  });

  main.append(h('h1', { text: 'Account' }),
    h('p', { class: 'lede', text: `You are ${session.user.handle}${session.user.role !== 'member' ? ` (${session.user.role})` : ''}.` }),
    h('div', { class: 'grid-2' }, pwForm, h('div', {}, exportSection, reportsSection,
      h('section', { class: 'card', 'aria-labelledby': 'del-title' },
        h('h2', { id: 'del-title', text: 'Delete account' }),
        h('p', { text: 'Your pseudonym becomes free again after 30 days.' }), delButton))));
}

const REASON_TEXT = {
  harassment: 'Harassment or bullying', spam: 'Spam', personal_details: 'Sharing personal details',
  unsafe_content: 'Unsafe content', safety_concern: 'Worried about someone\u2019s safety', other: 'Something else',
};

/** My reports: what I reported and whether a facilitator reviewed it (never what was done to whom). */
export async function myReportsView(main) {
  const reports = listOf(await get('/api/moderation/reports/mine'), 'reports');
  main.append(h('h1', { text: 'My reports' }),
    h('p', { class: 'lede', text: 'Facilitators review every report. The person you reported never learns who reported them.' }));
  if (!reports.length) { main.append(h('p', { class: 'card', text: 'You have not reported anything.' })); return; }
  main.append(h('ul', { class: 'thread-list' }, reports.map((r) => h('li', { 'data-report-id': String(r.id) },
    h('div', {},
      h('p', { class: 'report-line' }, h('strong', { text: REASON_TEXT[r.reason] || String(r.reason).replace(/_/g, ' ') }),
        ` \u00b7 a ${r.target && r.target.kind === 'post' ? 'forum post' : r.target && r.target.kind === 'user' ? 'person' : 'chat message'}`),
      h('p', { class: 'meta' }, h('time', { datetime: r.created_at, text: formatTime(r.created_at) }))),
    h('span', { class: r.status === 'open' ? 'badge' : 'badge unread', text: r.status === 'open' ? 'Waiting for review' : (r.outcome === 'open' ? 'Reviewed' : `${r.outcome[0].toUpperCase()}${r.outcome.slice(1)}`) })))));
}
