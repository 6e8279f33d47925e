// Custom elements used across screens.

import { clear, h } from './dom.js';

const STATE_TEXT = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — messages will send when you reconnect',
  closed: 'Disconnected',
};

/** <ph-conn-status>: the live connection state, as text (not colour alone). */
class ConnStatus extends HTMLElement {
  connectedCallback() {
    this.setAttribute('role', 'status');
    this.classList.add('conn-status');
  }

  bind(conn) {
    if (this.conn === conn) return;
    if (this.conn) this.conn.removeEventListener('state', this.listener);
    this.conn = conn;
    this.listener = () => this.render();
    conn.addEventListener('state', this.listener);
    this.hidden = false;
    this.render();
  }

  render() {
    const state = this.conn ? this.conn.state : 'idle';
    this.dataset.state = state;
    clear(this).append(h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'conn-text', text: STATE_TEXT[state] || state }));
  }
}
customElements.define('ph-conn-status', ConnStatus);

// United States defaults (DESIGN.md); the server's `support` frame may carry an edited list.
export const DEFAULT_RESOURCES = [
  { name: 'SAMHSA National Helpline', phone: '1-800-662-4357', tel: '18006624357',
    description: 'Free, confidential, 24 hours a day, 365 days a year. Treatment referral and information, in English and Spanish. TTY 1-800-487-4889.' },
  { name: '988 Suicide & Crisis Lifeline', phone: '988', tel: '988', sms: '988',
    description: 'Call or text 988, or chat at 988lifeline.org.' },
  { name: 'Immediate danger', phone: '911', tel: '911', description: 'Call 911.' },
];

function digits(value) { return String(value || '').replace(/[^0-9]/g, ''); }

const SAFE_HREF = /^(tel:\+?[0-9-]+|sms:\+?[0-9-]+|https:\/\/[^\s]+)$/;
const CONTACT_VERB = { call: 'Call', text: 'Text', tty: 'TTY', chat: 'Chat online', web: 'Website' };

/** Contacts of a resource as [{label, href, primary}], from the server's `contacts` or the defaults' fields. */
function contactsOf(r) {
  if (Array.isArray(r.contacts)) {
    return r.contacts.filter((c) => SAFE_HREF.test(String(c.href || ''))).map((c, i) => ({
      label: c.label ? `${CONTACT_VERB[c.kind] && !String(c.label).startsWith(CONTACT_VERB[c.kind]) ? `${CONTACT_VERB[c.kind]} ` : ''}${c.label}` : CONTACT_VERB[c.kind] || 'Contact',
      href: /^(tel|sms):/.test(c.href) ? c.href.replace(/^(tel|sms):(\+?)(.*)$/, (_, k, plus, num) => `${k}:${plus}${digits(num)}`) : c.href,
      primary: i === 0 }));
  }
  const out = [];
  if (r.tel) out.push({ label: `Call ${r.phone || r.tel}`, href: `tel:${digits(r.tel)}`, primary: true });
  if (r.sms) out.push({ label: `Text ${r.sms}`, href: `sms:${digits(r.sms)}`, primary: false });
  return out;
}

/**
 * <ph-support-card>: the crisis support card. Calm, private (only this person
 * sees it), with tap-to-call and tap-to-text links, and whether a facilitator
 * is on duty right now.
 */
class SupportCard extends HTMLElement {
  show(card = {}) {
    const list = Array.isArray(card.resources) && card.resources.length ? card.resources : DEFAULT_RESOURCES;
    this.classList.add('support-card');
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'Support is here');
    const onDuty = card.facilitator_on_duty;
    const duty = card.facilitator || (onDuty === true
      ? 'A facilitator is on duty right now and will check in with you.'
      : onDuty === false
        ? 'No facilitator is on duty right now. The lines below are answered by real people, day and night.'
        : 'The lines below are answered by real people, day and night.');
    clear(this).append(
      h('h2', { text: 'You don\u2019t have to carry this alone' }),
      h('p', { text: card.message || 'Thank you for saying it. Only you can see this card. If you want to talk to someone now, these are free and confidential:' }),
      h('p', { class: 'duty', text: duty }),
      h('ul', { class: 'resources' }, list.map((r) => h('li', {},
        h('strong', { text: r.name || 'Support line' }),
        h('span', { class: 'resource-actions' }, contactsOf(r).map((c) =>
          h('a', { class: c.primary ? 'button' : 'button secondary', href: c.href, rel: c.href.startsWith('https:') ? 'noopener' : null, text: c.label }))),
        r.summary || r.description || r.hours ? h('span', { class: 'hint', text: [r.summary || r.description, r.hours].filter(Boolean).join(' ') }) : null))),
      card.emergency ? h('p', { text: card.emergency }) : null,
      h('button', { type: 'button', class: 'secondary', onclick: () => { this.hidden = true; }, text: 'Close this card' }));
    this.hidden = false;
  }
}
customElements.define('ph-support-card', SupportCard);
