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

/** Normalise a resource from the server (field names vary by version) into {name, phone, tel, sms, url, description}. */
function normaliseResource(r) {
  const phone = r.phone || r.number || r.call || '';
  let tel = r.tel || digits(phone);
  if (/HELP/i.test(phone) && tel.length < 10) tel = '18006624357';
  return {
    name: r.name || r.title || 'Support line',
    phone, tel,
    sms: r.sms || r.text || null,
    tty: r.tty || null,
    url: typeof r.url === 'string' && /^https:\/\//.test(r.url) ? r.url : null,
    description: r.description || r.hours || '',
  };
}

/**
 * <ph-support-card>: the crisis support card. Calm, private (only this person
 * sees it), with tap-to-call and tap-to-text links, and whether a facilitator
 * is on duty right now.
 */
class SupportCard extends HTMLElement {
  show({ resources, facilitatorOnDuty, message } = {}) {
    const list = (Array.isArray(resources) && resources.length ? resources : DEFAULT_RESOURCES).map(normaliseResource);
    this.classList.add('support-card');
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'Support is here');
    const duty = facilitatorOnDuty === true
      ? 'A facilitator is on duty right now and will check in with you.'
      : facilitatorOnDuty === false
        ? 'No facilitator is on duty right now. The lines below are answered by real people, day and night.'
        : 'The lines below are answered by real people, day and night.';
    clear(this).append(
      h('h2', { text: 'You don\u2019t have to carry this alone' }),
      h('p', { text: message || 'Thank you for saying it. Only you can see this card. If you want to talk to someone now, these are free and confidential:' }),
      h('ul', { class: 'resources' }, list.map((r) => h('li', {},
        h('strong', { text: r.name }),
        r.description ? h('span', { class: 'hint', text: ` ${r.description}` }) : null,
        h('span', { class: 'resource-actions' },
          r.tel ? h('a', { class: 'button', href: `tel:${r.tel}`, text: `Call ${r.phone || r.tel}` }) : null,
          r.sms ? h('a', { class: 'button secondary', href: `sms:${digits(r.sms) || r.sms}`, text: `Text ${r.sms}` }) : null,
          r.url ? h('a', { class: 'button secondary', href: r.url, rel: 'noopener', text: 'Chat online' }) : null)))),
      h('p', { class: 'duty', text: duty }),
      h('button', { type: 'button', class: 'secondary', onclick: () => { this.hidden = true; }, text: 'Close this card' }));
    this.hidden = false;
  }
}
customElements.define('ph-support-card', SupportCard);
