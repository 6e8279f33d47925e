// Sign up (pseudonym + password, then the recovery codes once), log in, recover.

import { ApiError, post } from '../api.js';
import { session, setUser, go, parseHash } from '../app.js';
import { clear, field, h } from '../dom.js';

function errorBox() {
  return h('div', { class: 'form-error', role: 'alert', hidden: true });
}

function showError(box, err) {
  box.hidden = false;
  clear(box).append(h('p', { text: err instanceof ApiError ? err.message : 'Something went wrong. Please try again.' }));
}

function busy(form, on) {
  for (const el of form.querySelectorAll('button, input, textarea')) el.disabled = on;
  form.setAttribute('aria-busy', on ? 'true' : 'false');
}

function afterLogin() {
  const next = parseHash().query.get('next');
  go(next && next.startsWith('/') ? `#${next}` : '#/rooms');
}

async function login(handle, password) {
  const data = await post('/api/auth/login', { handle, password });
  setUser(data.user);
  return data.user;
}

const PASSWORD_HINT = 'At least 10 characters. A few unrelated words are easy to remember and hard to guess.';
const HANDLE_HINT = 'A pseudonym, not your real name: 3–32 letters, digits, “_”, “-” or “.”.';

export function signupView(main) {
  const handle = field('Pseudonym', { name: 'handle', autocomplete: 'username', required: true, minlength: 3, maxlength: 32, spellcheck: 'false', autocapitalize: 'none' }, { hint: HANDLE_HINT });
  const password = field('Password', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 }, { hint: PASSWORD_HINT });
  const errors = errorBox();
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: 'Join peerhub' }),
    h('p', { text: 'No e-mail, no phone number, no real name. Just a pseudonym and a password.' }),
    errors, handle.wrap, password.wrap,
    h('button', { type: 'submit', text: 'Create account' }),
    h('p', {}, 'Already have an account? ', h('a', { href: '#/login', text: 'Log in' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.hidden = true;
    busy(form, true);
    try {
      const data = await post('/api/auth/signup', { handle: handle.input.value, password: password.input.value });
      showCodes(main, data, password.input.value);
    } catch (err) {
      busy(form, false);
      showError(errors, err);
    }
  });
  main.append(form);
}

function showCodes(main, data, password) {
  const codes = data.recovery_codes || [];
  const saved = h('input', { type: 'checkbox', id: 'codes-saved' });
  const cont = h('button', { type: 'button', disabled: true, text: 'Continue' });
  const errors = errorBox();
  saved.addEventListener('change', () => { cont.disabled = !saved.checked; });
  const copy = h('button', { type: 'button', class: 'secondary', text: 'Copy codes' });
  copy.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(codes.join('\n')); copy.textContent = 'Copied'; } catch { copy.textContent = 'Copy not available: write them down'; }
  });
  cont.addEventListener('click', async () => {
    cont.disabled = true;
    try {
      await login(data.user.handle, password);
      go('#/rooms');
    } catch (err) {
      showError(errors, err);
      go('#/login');
    }
  });
  clear(main).append(h('section', { class: 'card narrow', 'aria-labelledby': 'codes-title' },
    h('h1', { id: 'codes-title', text: 'Your recovery codes' }),
    h('p', { text: `Welcome, ${data.user.handle}. If you ever forget your password, one of these codes lets you back in. Each works once.` }),
    h('p', { class: 'notice', text: 'They are shown only this once. Write them down or keep them somewhere private.' }),
    h('ol', { class: 'codes', 'aria-label': 'Recovery codes' }, codes.map((c) => h('li', {}, h('code', { text: c })))),
    h('p', {}, copy),
    errors,
    h('div', { class: 'check' }, saved, h('label', { for: 'codes-saved', text: 'I saved my recovery codes' })),
    cont));
  main.querySelector('h1').focus();
}

export function loginView(main) {
  const handle = field('Pseudonym', { name: 'handle', autocomplete: 'username', required: true, spellcheck: 'false', autocapitalize: 'none' });
  const password = field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const errors = errorBox();
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: 'Welcome back' }),
    errors, handle.wrap, password.wrap,
    h('button', { type: 'submit', text: 'Log in' }),
    h('p', {}, h('a', { href: '#/recover', text: 'Forgot your password? Use a recovery code' })),
    h('p', {}, 'New here? ', h('a', { href: '#/signup', text: 'Create an account' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.hidden = true;
    busy(form, true);
    try {
      await login(handle.input.value, password.input.value);
      afterLogin();
    } catch (err) {
      busy(form, false);
      showError(errors, err);
      password.input.focus();
    }
  });
  main.append(form);
}

export function recoverView(main) {
  const handle = field('Pseudonym', { name: 'handle', autocomplete: 'username', required: true, spellcheck: 'false', autocapitalize: 'none' });
  const code = field('Recovery code', { name: 'code', autocomplete: 'one-time-code', required: true, spellcheck: 'false', autocapitalize: 'none' }, { hint: 'One of the codes you saved when you signed up. It will stop working once used.' });
  const password = field('New password', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 }, { hint: PASSWORD_HINT });
  const errors = errorBox();
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: 'Recover your account' }),
    errors, handle.wrap, code.wrap, password.wrap,
    h('button', { type: 'submit', text: 'Set new password and log in' }),
    h('p', {}, h('a', { href: '#/login', text: 'Back to log in' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.hidden = true;
    busy(form, true);
    try {
      const data = await post('/api/auth/recover', {
        handle: handle.input.value, recovery_code: code.input.value.trim(), new_password: password.input.value });
      setUser(data.user);
      go('#/rooms');
    } catch (err) {
      busy(form, false);
      showError(errors, err);
    }
  });
  if (session.user) form.prepend(h('p', { class: 'notice', text: `You are logged in as ${session.user.handle}.` }));
  main.append(form);
}
