// DOM helpers. All user content goes in as text (textContent / text nodes).
// The single exception is `insertSanitisedHtml`, used only for forum post
// bodies and search snippets that the server rendered and sanitised; even
// those are re-filtered here against the same allow-list (defence in depth).

const FORBIDDEN_PROPS = new Set(['innerHTML', 'outerHTML', 'style', 'srcdoc']);

/** Build an element. props: class, text, on<event>, aria-*, data-*, other attributes/properties. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (FORBIDDEN_PROPS.has(key)) throw new Error(`h(): ${key} is not allowed`);
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = String(value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'hidden') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let idCounter = 0;
export function uid(prefix = 'ph') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: returns {wrap, input}. */
export function field(label, inputProps = {}, { hint, tag = 'input' } = {}) {
  const id = inputProps.id || uid('f');
  const hintId = hint ? `${id}-hint` : null;
  const input = h(tag, { ...inputProps, id, 'aria-describedby': hintId });
  const wrap = h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    input);
  return { wrap, input };
}

// Mirror of peerhub/moderation/sanitize.py ALLOWED_TAGS (+ mark for search snippets).
const SAFE_TAGS = new Set(['P', 'BR', 'EM', 'STRONG', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'DEL', 'S', 'MARK']);
const SAFE_ATTRS = { A: new Set(['href', 'title', 'rel']), OL: new Set(['start']), CODE: new Set(['class']) };
const SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

/**
 * Insert HTML that the server produced and sanitised (forum bodies, search
 * snippets). Parsed in an inert document, filtered against the allow-list,
 * then imported; nothing else in the app ever inserts HTML.
 */
export function insertSanitisedHtml(target, html) {
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  const out = document.createDocumentFragment();
  const copy = (node, parent) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) { parent.append(document.createTextNode(child.data)); continue; }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      if (!SAFE_TAGS.has(child.tagName)) { copy(child, parent); continue; }
      const el = document.createElement(child.tagName.toLowerCase());
      const allowed = SAFE_ATTRS[child.tagName] || new Set();
      for (const attr of child.attributes) {
        if (!allowed.has(attr.name)) continue;
        if (attr.name === 'href' && !SAFE_URL.test(attr.value.replace(/[\s\u0000-\u001f]/g, ''))) continue;
        el.setAttribute(attr.name, attr.value);
      }
      if (el.tagName === 'A') el.setAttribute('rel', 'nofollow noopener ugc');
      copy(child, el);
      parent.append(el);
    }
  };
  copy(doc.body, out);
  target.append(out);
  return target;
}

export function formatTime(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function authorName(author) {
  if (!author) return 'someone';
  if (typeof author === 'string') return author;
  return author.handle || 'someone';
}

// Live regions: polite for new messages, assertive for alerts.
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.append(h('p', { text }));
  while (region.childNodes.length > 5) region.firstChild.remove();
}

export function alertNow(text) {
  const region = document.getElementById('alerter');
  if (!region) return;
  clear(region).append(h('p', { text }));
}

const TOAST_MS = 6000; // long enough to read a sentence, short enough not to pile up
export function toast(text, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const item = h('p', { class: `toast toast-${kind}`, text });
  box.append(item);
  setTimeout(() => item.remove(), TOAST_MS);
}

/** A filter reason as people read it: "word:gin" -> "gin", "relapse_details" -> "relapse details". */
export function reasonLabel(reason) { return String(reason).replace(/^word:/, '').replace(/_/g, ' '); }

/**
 * Trigger filters' "collapse": the line "Hidden: alcohol · Show" that stands
 * in for `targets` (hidden until Show is pressed; then the line goes away).
 * `filter` is the server's `{action: "collapse", reasons}`. Returns the line
 * for the caller to insert; used for chat lines, posts, thread titles and
 * notifications alike.
 */
export function collapsedLine(filter, ...targets) {
  const reasons = ((filter && filter.reasons) || []).map(reasonLabel).join(', ') || 'your filters';
  for (const t of targets) t.hidden = true;
  const show = h('button', { type: 'button', class: 'link-button', text: 'Show' });
  const line = h('p', { class: 'collapsed' }, `Hidden: ${reasons} \u00b7 `, show);
  show.addEventListener('click', () => { line.remove(); for (const t of targets) t.hidden = false; });
  return line;
}

/** Whether a server `filter` / `thread_filter` marker asks to fold the item. */
export function isCollapsed(filter) { return Boolean(filter && filter.action === 'collapse'); }
