// Filters: topics (hide / collapse), words and phrases, muted people, each optionally expiring.
// Private: only this person ever sees them.

import { ApiError, get, isMissing, listOf, put } from '../api.js';
import { clear, field, h, toast, uid } from '../dom.js';
import { unavailable } from './rooms.js';
import { untilText } from '../notices.js';

const ACTIONS = [['off', 'Show'], ['collapse', 'Collapse'], ['hide', 'Hide']];
const EXPIRY = [['', 'Until I change it'], ['86400', 'For 24 hours'], ['604800', 'For a week'], ['2592000', 'For 30 days']];
// Custom words/phrases: the server allows 200, each up to 60 characters.
const MAX_WORDS = 200;
const MAX_WORD_CHARS = 60;

function select(label, options, value) {
  const id = uid('sel');
  const el = h('select', { id }, options.map(([v, text]) => h('option', { value: v, text, selected: v === value })));
  return { wrap: h('div', { class: 'field' }, h('label', { for: id, text: label }), el), input: el };
}

function untilFrom(seconds) {
  return seconds ? new Date(Date.now() + Number(seconds) * 1000).toISOString() : null;
}

export async function filtersView(main) {
  let topics;
  let filters;
  try {
    [topics, filters] = await Promise.all([get('/api/moderation/topics'), get('/api/me/filters')]);
  } catch (err) {
    if (isMissing(err)) { unavailable(main, 'Filters', 'Filtering'); return; }
    throw err;
  }
  topics = listOf(topics, 'topics');
  const state = {
    topics: new Map((filters.topics || []).map((t) => [t.topic, t])),
    words: [...(filters.words || [])],
    muted: [...(filters.muted_users || [])],
  };

  const topicRows = topics.map((t) => {
    const current = state.topics.get(t.id);
    const action = select(t.name || t.id, ACTIONS, current ? current.action : 'off');
    const expiry = select(`How long for ${t.name || t.id}`, EXPIRY, '');
    expiry.wrap.classList.add('expiry');
    return { t, action, expiry, until: current ? current.until || null : null, wrap: h('li', { class: 'row topic-row' },
      h('div', {}, action.wrap, t.description ? h('p', { class: 'hint', text: t.description }) : null), expiry.wrap,
      current && current.until ? h('p', { class: 'hint', text: `Set ${untilText(current.until)}` }) : null) };
  });

  const wordList = h('ul', { class: 'plain-list' });
  const mutedList = h('ul', { class: 'plain-list' });
  const renderLists = () => {
    clear(wordList);
    for (const [i, w] of state.words.entries()) {
      wordList.append(h('li', { class: 'row' }, h('span', { text: `“${w.text}” — ${w.action === 'hide' ? 'hide' : 'collapse'}${w.whole_word ? ', whole word' : ''}${w.until ? ` ${untilText(w.until)}` : ''}` }),
        h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove ${w.text}`, onclick: () => { state.words.splice(i, 1); renderLists(); }, text: 'Remove' })));
    }
    clear(mutedList);
    for (const [i, m] of state.muted.entries()) {
      mutedList.append(h('li', { class: 'row' }, h('span', { text: `${m.handle} — ${m.action === 'hide' ? 'hide' : 'collapse'}${m.until ? ` ${untilText(m.until)}` : ''}` }),
        h('button', { type: 'button', class: 'link-button', 'aria-label': `Unmute ${m.handle}`, onclick: () => { state.muted.splice(i, 1); renderLists(); }, text: 'Unmute' })));
    }
  };
  renderLists();

  const word = field('Word or phrase', { maxlength: MAX_WORD_CHARS, autocomplete: 'off' });
  const wordAction = select('Then', [['collapse', 'Collapse'], ['hide', 'Hide']], 'collapse');
  const wholeId = uid('whole');
  const whole = h('input', { type: 'checkbox', id: wholeId, checked: true });
  const wordExpiry = select('For how long', EXPIRY, '');
  const addWord = h('button', { type: 'button', class: 'secondary', text: 'Add word' });
  addWord.addEventListener('click', () => {
    const text = word.input.value.trim();
    if (!text || state.words.length >= MAX_WORDS) return;
    state.words.push({ text, action: wordAction.input.value, whole_word: whole.checked, until: untilFrom(wordExpiry.input.value) });
    word.input.value = '';
    renderLists();
    word.input.focus();
  });

  const person = field('Pseudonym', { maxlength: 32, autocomplete: 'off', spellcheck: 'false' });
  const personAction = select('Then', [['collapse', 'Collapse'], ['hide', 'Hide']], 'hide');
  const personExpiry = select('For how long', EXPIRY, '');
  const addPerson = h('button', { type: 'button', class: 'secondary', text: 'Mute person' });
  addPerson.addEventListener('click', () => {
    const handle = person.input.value.trim();
    if (!handle) return;
    state.muted.push({ handle, action: personAction.input.value, until: untilFrom(personExpiry.input.value) });
    person.input.value = '';
    renderLists();
  });

  const errors = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', text: 'Save filters' });
  const form = h('form', {},
    h('section', { class: 'card', 'aria-labelledby': 'topics-title' },
      h('h2', { id: 'topics-title', text: 'Topics' }),
      h('p', { class: 'hint', text: '“Collapse” shows a short “Hidden: alcohol · Show” line instead. “Hide” keeps it away completely.' }),
      h('ul', { class: 'plain-list' }, topicRows.map((r) => r.wrap))),
    h('section', { class: 'card', 'aria-labelledby': 'words-title' },
      h('h2', { id: 'words-title', text: 'Words and phrases' }), wordList,
      h('div', { class: 'row' }, word.wrap, wordAction.wrap, wordExpiry.wrap),
      h('div', { class: 'check' }, whole, h('label', { for: wholeId, text: 'Whole words only' })), addWord),
    h('section', { class: 'card', 'aria-labelledby': 'muted-title' },
      h('h2', { id: 'muted-title', text: 'Muted people' }), mutedList,
      h('div', { class: 'row' }, person.wrap, personAction.wrap, personExpiry.wrap), addPerson),
    errors, save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.hidden = true;
    const body = {
      topics: topicRows.filter((r) => r.action.input.value !== 'off').map((r) => ({
        topic: r.t.id, action: r.action.input.value, until: untilFrom(r.expiry.input.value) || r.until })),
      words: state.words,
      muted_users: state.muted,
    };
    try {
      await put('/api/me/filters', body);
      toast('Filters saved. They apply right away.');
    } catch (err) {
      errors.hidden = false;
      errors.textContent = err instanceof ApiError ? err.message : 'Could not save your filters.';
    }
  });
  main.append(h('h1', { text: 'Filters' }),
    h('p', { class: 'lede', text: 'Choose what you would rather not read right now. Only you can see these settings.' }), form);
}
