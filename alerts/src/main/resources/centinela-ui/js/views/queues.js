// Team queues in the case inbox: a strip of the queues (the caller's marked) that filters the list, and for
// supervisors a form to create, change and delete them.

import { get, request } from '../api.js';
import { h } from '../dom.js';
import { channelName, errorText, t } from '../i18n.js';

const BANDS = ['critical', 'high', 'medium', 'low'];
const CHANNELS = ['wallet', 'transfer', 'ecommerce', 'pos', 'atm'];

const words = (text) => text.split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);

/** The queues as links that filter the inbox; {@code current} is the queue shown, if any. */
export function queueStrip({ user, current, queues }) {
  if (queues.length === 0) {
    return null;
  }
  return h('nav', { class: 'queue-strip', id: 'queue-strip', 'aria-label': t('queues.title') },
    h('span', { class: 'muted small' }, t('queues.title') + ':'),
    ...queues.map((queue) => h('a', {
      href: `#/cases?queue=${encodeURIComponent(queue.name)}`, class: ['chip', queue.members.includes(user.username) && 'chip-mine'],
      'data-queue': queue.name, 'aria-current': queue.name === current ? 'page' : null,
      title: queue.description || null,
    }, `${queue.name} · ${t('queues.waiting', { n: queue.waiting })}`,
    queue.overdue > 0 ? h('span', { class: 'sla-overdue' }, ` · ${t('queues.overdue', { n: queue.overdue })}`) : null)));
}

/** The supervisors' editor (kept {@code open} across a reload): pick a queue to change it, or fill in a new one. */
export function queueEditor({ queues, toast, reload, open }) {
  const error = h('p', { class: 'form-error', role: 'alert', id: 'queue-error' });
  const name = h('input', { id: 'queue-name', required: true, pattern: '[a-z][a-z0-9_]{0,63}', maxlength: 64 });
  const description = h('input', { id: 'queue-description', maxlength: 500 });
  const checks = (prefix, values, label) => values.map((value) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', id: `${prefix}-${value}`, value }), label(value)));
  const bands = checks('queue-band', BANDS, (b) => t(`band.${b}`));
  const channels = checks('queue-channel', CHANNELS, channelName);
  const minAmount = h('input', { id: 'queue-min-amount', type: 'number', min: 0, step: '0.01' });
  const mccs = h('input', { id: 'queue-mccs', placeholder: '4829 6012' });
  const members = h('input', { id: 'queue-members', placeholder: 'ana luis' });
  const auto = h('input', { type: 'checkbox', id: 'queue-auto' });
  const checked = (boxes) => boxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);

  function fill(queue) {
    name.value = queue?.name ?? '';
    description.value = queue?.description ?? '';
    for (const [boxes, values] of [[bands, queue?.bands], [channels, queue?.channels]]) {
      boxes.forEach((l) => { l.querySelector('input').checked = (values ?? []).includes(l.querySelector('input').value); });
    }
    minAmount.value = queue?.min_amount ?? '';
    mccs.value = (queue?.mccs ?? []).join(' ');
    members.value = (queue?.members ?? []).join(' ');
    auto.checked = queue?.auto_assign ?? false;
  }

  async function save(event) {
    event.preventDefault();
    error.textContent = '';
    const body = { description: description.value.trim(), members: words(members.value), auto_assign: auto.checked };
    if (checked(bands).length) body.bands = checked(bands);
    if (checked(channels).length) body.channels = checked(channels);
    if (words(mccs.value).length) body.mccs = words(mccs.value);
    if (minAmount.value !== '') body.min_amount = Number(minAmount.value);
    try {
      await request('PUT', `/api/queues/${encodeURIComponent(name.value.trim())}`, body);
      toast(t('queues.saved', { name: name.value.trim() }), 'success');
      reload();
    } catch (e) {
      error.textContent = errorText(e);
    }
  }

  async function remove() {
    error.textContent = '';
    try {
      await request('DELETE', `/api/queues/${encodeURIComponent(name.value.trim())}`);
      toast(t('queues.deleted', { name: name.value.trim() }), 'success');
      reload();
    } catch (e) {
      error.textContent = errorText(e);
    }
  }

  const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
  return h('details', { class: 'card queue-editor', id: 'queue-editor', open: open || null },
    h('summary', {}, t('queues.manage')),
    h('ul', { class: 'queue-list' }, queues.map((queue) => h('li', {},
      h('button', { type: 'button', class: 'btn btn-link', 'data-edit': queue.name, onclick: () => fill(queue) }, queue.name),
      ' ', h('span', { class: 'muted small' }, t('queues.summary', {
        members: queue.members.join(', ') || '—',
        auto: queue.auto_assign ? t('queues.autoOn') : t('queues.autoOff'),
      }))))),
    h('form', { class: 'form', onsubmit: save },
      field('queue-name', t('queues.name'), name),
      field('queue-description', t('queues.description'), description),
      h('fieldset', {}, h('legend', {}, t('queues.bands')), ...bands),
      h('fieldset', {}, h('legend', {}, t('queues.channels')), ...channels),
      field('queue-min-amount', t('queues.minAmount'), minAmount),
      field('queue-mccs', t('queues.mccs'), mccs),
      field('queue-members', t('queues.members'), members),
      h('label', { class: 'check' }, auto, t('queues.auto')),
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'queue-save' }, t('queues.save')),
        h('button', { type: 'button', class: 'btn', id: 'queue-delete', onclick: remove }, t('queues.delete'))),
      error));
}

export const loadQueues = () => get('/api/queues').then((answer) => answer.queues);
