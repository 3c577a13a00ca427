// The alert queue: filters kept in the address, newest first, live arrivals highlighted, more by cursor.

import { get } from '../api.js';
import { bulkSelection } from '../bulk.js';
import { h } from '../dom.js';
import { channelName, errorText, formatMoney, formatScore, formatTime, statusName, t } from '../i18n.js';
import { rankedReasons, reasonText } from '../reasons.js';

const PAGE = 50;
const STATUSES = ['new', 'investigating', 'escalated', 'confirmed_fraud', 'false_positive'];
const CHANNELS = ['pos', 'ecommerce', 'atm', 'transfer', 'wallet'];
const SORTS = ['created_at', 'score', 'amount', 'tx_time'];
const FILTERS = ['status', 'min_score', 'channel', 'account', 'merchant', 'mcc', 'from', 'to', 'sort', 'assignee', 'limit'];

/** A datetime-local value, read as Lima wall time (UTC−5 all year), as an ISO instant. */
function limaInstant(local) {
  const date = new Date(`${local}${local.length === 16 ? ':00' : ''}-05:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function filtersOf(query) {
  const filters = {};
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) {
      filters[name] = value;
    }
  }
  return filters;
}

function apiParams(filters, cursor) {
  return {
    status: filters.status,
    min_score: filters.min_score,
    channel: filters.channel,
    account: filters.account,
    merchant: filters.merchant,
    mcc: filters.mcc,
    assignee: filters.assignee,
    from: filters.from ? limaInstant(filters.from) : null,
    to: filters.to ? limaInstant(filters.to) : null,
    sort: filters.sort ?? 'created_at',
    order: 'desc',
    limit: pageSize(filters),
    cursor,
  };
}

/** The page size: the address may ask for 1 to 500 alerts a page. */
function pageSize(filters) {
  const asked = Number.parseInt(filters.limit, 10);
  return asked >= 1 && asked <= 500 ? asked : PAGE;
}

function matches(alert, filters) {
  const created = Date.parse(alert.created_at ?? '');
  return (!filters.status || alert.status === filters.status)
    && (!filters.min_score || alert.score >= Number.parseFloat(filters.min_score))
    && (!filters.channel || alert.channel === filters.channel)
    && (!filters.account || alert.account_id === filters.account)
    && (!filters.merchant || alert.merchant_id === filters.merchant)
    && (!filters.mcc || alert.merchant_category_code === filters.mcc)
    && (!filters.assignee || alert.assignee === filters.assignee)
    && (!filters.from || !(created < Date.parse(limaInstant(filters.from))))
    && (!filters.to || !(created > Date.parse(limaInstant(filters.to))));
}

function scoreLevel(alert) {
  if (alert.score >= 0.99) {
    return 'critical';
  }
  return alert.score >= (alert.threshold ?? 1) ? 'high' : 'medium';
}

export function statusBadge(status) {
  return h('span', { class: ['badge', `badge-${status}`] }, statusName(status));
}

function select(id, name, label, options, value) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name },
      options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === (value ?? '') }, text))));
}

function input(id, name, label, value, attrs = {}) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name, value: value ?? '', ...attrs }));
}

/** What the list's bulk bar can do to the selected alerts, as the body of POST /api/alerts/bulk. */
const BULK = {
  investigate: () => ({ action: 'status', status: 'investigating' }),
  falsePositive: () => ({ action: 'status', status: 'false_positive' }),
  confirmFraud: () => ({ action: 'status', status: 'confirmed_fraud' }),
  takeThem: (user) => ({ action: 'assignee', assignee: user.username }),
  handBack: () => ({ action: 'assignee', assignee: null }),
  note: (user, text) => ({ action: 'note', text }),
};

export function render(main, { query, live, navigate, toast, user }) {
  const filters = filtersOf(query);
  const state = { alerts: [], ids: new Set(), cursor: null, pending: 0, loading: false };
  const defaultOrder = (filters.sort ?? 'created_at') === 'created_at';

  const count = h('p', { class: 'page-meta', id: 'queue-count', 'aria-live': 'polite' });
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'queue-announcer' });
  const pendingBar = h('div', { class: 'pending-bar', hidden: true });
  const body = h('tbody', { id: 'alert-rows' });
  const status = h('div', { class: 'table-status', id: 'queue-status' }, t('queue.loading'));
  const bulk = bulkSelection({ kind: 'queue', endpoint: '/api/alerts/bulk', idField: 'alert_id', actions: BULK, user, toast,
    reload: () => reloadAll() });
  const more = h('button', { type: 'button', class: 'btn', id: 'load-more', hidden: true, onclick: () => load(state.cursor) }, t('queue.loadMore'));

  const form = h('form', { class: 'filters', id: 'filters', 'aria-label': t('queue.filters'), onsubmit: applyFilters },
    select('f-status', 'status', t('filter.status'), [['', t('filter.any')], ...STATUSES.map((s) => [s, statusName(s)])], filters.status),
    input('f-min-score', 'min_score', t('filter.minScore'), filters.min_score, { type: 'number', min: 0, max: 1, step: 0.01, inputmode: 'decimal', class: 'narrow' }),
    select('f-channel', 'channel', t('filter.channel'), [['', t('filter.any')], ...CHANNELS.map((c) => [c, channelName(c)])], filters.channel),
    input('f-account', 'account', t('filter.account'), filters.account, { type: 'text', autocomplete: 'off', spellcheck: 'false' }),
    input('f-merchant', 'merchant', t('filter.merchant'), filters.merchant, { type: 'text', autocomplete: 'off', spellcheck: 'false' }),
    input('f-mcc', 'mcc', t('filter.mcc'), filters.mcc, { type: 'text', inputmode: 'numeric', pattern: '[0-9]{4}', maxlength: 4, class: 'narrow' }),
    input('f-from', 'from', t('filter.from'), filters.from, { type: 'datetime-local' }),
    input('f-to', 'to', t('filter.to'), filters.to, { type: 'datetime-local' }),
    select('f-sort', 'sort', t('filter.sort'), SORTS.map((s) => [s, t(`sort.${s}`)]), filters.sort ?? 'created_at'),
    h('div', { class: 'field field-check' },
      h('input', { type: 'checkbox', id: 'f-mine', name: 'assignee', value: user.username, checked: filters.assignee === user.username }),
      h('label', { for: 'f-mine' }, t('filter.mine'))),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'apply-filters' }, t('filter.apply')),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => navigate('#/alerts') }, t('filter.clear'))));

  function applyFilters(event) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value && !(name === 'sort' && value === 'created_at')) {
        params.set(name, String(value).trim());
      }
    }
    const text = params.toString();
    navigate(text ? `#/alerts?${text}` : '#/alerts');
  }

  function row(alert, arrived) {
    const open = () => navigate(`#/alerts/${encodeURIComponent(alert.alert_id)}`);
    const top = rankedReasons(alert)[0];
    const reason = top ? reasonText(top, alert) : '';
    return h('tr', { class: ['alert-row', arrived && 'row-arrived'], 'data-alert-id': alert.alert_id, onclick: (e) => {
      if (!e.target.closest('a, input')) {
        open();
      }
    } },
      bulk.checkbox(alert.alert_id),
      h('td', { class: 'cell-time' },
        h('a', { href: `#/alerts/${encodeURIComponent(alert.alert_id)}`, class: 'row-link', 'aria-label': t('queue.open', { id: alert.alert_id }) },
          formatTime(alert.timestamp)),
        arrived ? h('span', { class: 'pill-arrived' }, t('queue.newPill')) : null),
      h('td', { class: 'num' }, h('span', { class: ['score', `score-${scoreLevel(alert)}`] }, formatScore(alert.score))),
      h('td', { class: 'num amount' }, formatMoney(alert.amount, alert.currency)),
      h('td', { class: 'mono' }, alert.account_id),
      h('td', {}, h('span', { class: 'mono' }, alert.merchant_id ?? '—'),
        h('span', { class: 'sub' }, alert.merchant_category_code ? `MCC ${alert.merchant_category_code}` : '')),
      h('td', {}, channelName(alert.channel)),
      h('td', { class: 'cell-reason', title: reason }, reason),
      h('td', {}, statusBadge(alert.status),
        alert.assignee ? h('span', { class: 'sub' }, t('queue.assignedTo', { user: alert.assignee })) : null));
  }

  function updateCount() {
    count.textContent = state.alerts.length === 1 ? t('queue.countOne') : t('queue.count', { n: state.alerts.length });
    status.hidden = state.alerts.length > 0 || state.loading;
    if (!state.loading && state.alerts.length === 0) {
      status.hidden = false;
      status.textContent = t('queue.empty');
    }
  }

  async function load(cursor) {
    state.loading = true;
    more.disabled = true;
    if (!cursor) {
      status.hidden = false;
      status.textContent = t('queue.loading');
    }
    try {
      const page = await get('/api/alerts', apiParams(filters, cursor));
      for (const alert of page.alerts) {
        if (!state.ids.has(alert.alert_id)) {
          state.ids.add(alert.alert_id);
          state.alerts.push(alert);
          body.append(row(alert, false));
        }
      }
      state.cursor = page.next_cursor ?? null;
      more.hidden = !state.cursor;
    } catch (e) {
      status.hidden = false;
      status.textContent = t('error.load', { message: errorText(e) });
    } finally {
      state.loading = false;
      more.disabled = false;
      updateCount();
    }
  }

  async function reloadAll() {
    state.alerts = [];
    state.ids.clear();
    body.replaceChildren();
    await load(null);
  }

  function arrive(alert) {
    if (state.ids.has(alert.alert_id) || !matches(alert, filters)) {
      return;
    }
    if (!defaultOrder) {
      state.pending += 1;
      pendingBar.hidden = false;
      pendingBar.replaceChildren(
        h('span', {}, state.pending === 1 ? t('queue.pendingOne') : t('queue.pending', { n: state.pending })),
        h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => navigate(location.hash) }, t('queue.showPending')));
      return;
    }
    state.ids.add(alert.alert_id);
    state.alerts.unshift(alert);
    body.prepend(row(alert, true));
    announcer.textContent = t('queue.arrived', { amount: formatMoney(alert.amount, alert.currency), merchant: alert.merchant_id ?? '—',
      score: formatScore(alert.score) });
    updateCount();
  }

  async function catchUp() {
    try {
      const page = await get('/api/alerts', apiParams(filters, null));
      [...page.alerts].reverse().forEach(arrive);
    } catch {
      // the next reconnection tries again
    }
  }

  main.replaceChildren(
    h('div', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', { id: 'page-title', tabindex: -1 }, t('queue.title')), count),
        announcer),
      form,
      bulk.bar,
      pendingBar,
      h('div', { class: 'card table-card' },
        h('table', { class: 'table', id: 'alert-table' },
          h('caption', { class: 'visually-hidden' }, t('queue.caption')),
          h('thead', {}, h('tr', {}, bulk.header(), ['time', 'score', 'amount', 'account', 'merchant', 'channel', 'reason', 'status']
            .map((c) => h('th', { scope: 'col', class: ['score', 'amount'].includes(c) ? 'num' : null }, t(`col.${c}`))))),
          body),
        status),
      h('div', { class: 'more' }, more)));

  const unsubscribe = live.subscribe((alert) => (alert ? arrive(alert) : catchUp()));
  load(null);
  return unsubscribe;
}
