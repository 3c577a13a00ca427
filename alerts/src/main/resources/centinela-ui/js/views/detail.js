// One alert: score, transaction, explanation, the account's history, the audit trail and the analyst's actions.

import { download, get, post } from '../api.js';
import { timeChart } from '../charts.js';
import { drawAtWidth, h } from '../dom.js';
import { channelName, errorText, formatMoney, formatPercent, formatScore, formatTime, language, statusName, t } from '../i18n.js';
import { rankedReasons, reasonText } from '../reasons.js';
import { statusBadge } from './queue.js';
import { outcomeBadge } from './rules.js';

const DECISIONS = ['investigating', 'confirmed_fraud', 'false_positive', 'escalated'];
const TRANSACTION_FIELDS = ['transaction_id', 'timestamp', 'amount', 'account_id', 'merchant_id', 'merchant_category_code', 'channel',
  'country', 'counterparty_account', 'device_id', 'ip', 'source', 'quality_flags'];

function card(title, id, ...content) {
  const headingId = `${id}-title`;
  return h('section', { class: 'card', id, 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), ...content);
}

function transactionValue(field, tx, alert) {
  const value = tx[field];
  switch (field) {
    case 'timestamp':
      return formatTime(value);
    case 'amount': {
      const amount = formatMoney(value ?? alert.amount, tx.currency ?? alert.currency);
      const original = tx.original_currency && tx.original_currency !== (tx.currency ?? 'PEN')
        ? ` (${t('tx.original').toLowerCase()}: ${formatMoney(tx.original_amount, tx.original_currency)})` : '';
      return amount + original;
    }
    case 'channel':
      return channelName(value);
    case 'source':
      return value ? [value.name, value.kind].filter(Boolean).join(' · ') : null;
    case 'quality_flags':
      return value?.length ? value.join(', ') : null;
    default:
      return value ?? null;
  }
}

function scoreCard(alert) {
  const over = alert.score - alert.threshold;
  const gauge = h('div', { class: 'gauge', role: 'img', 'aria-label': t('detail.scoreScale', { score: formatScore(alert.score), threshold: formatScore(alert.threshold) }) },
    h('div', { class: 'gauge-fill', style: { width: `${Math.min(100, Math.max(0, alert.score * 100))}%` } }),
    h('div', { class: 'gauge-threshold', style: { left: `${Math.min(100, Math.max(0, alert.threshold * 100))}%` } }));
  return h('section', { class: 'card stat-card', id: 'score-card', 'aria-label': t('detail.score') },
    h('p', { class: 'stat-label' }, t('detail.score')),
    h('p', { class: 'stat-value', id: 'alert-score' }, formatScore(alert.score)),
    gauge,
    h('dl', { class: 'facts facts-inline' },
      h('div', {}, h('dt', {}, t('detail.threshold')), h('dd', { id: 'alert-threshold' }, formatScore(alert.threshold))),
      h('div', {}, h('dt', {}, t('detail.model')), h('dd', { class: 'mono', id: 'alert-model' }, alert.model_version)),
      h('div', {}, h('dt', {}, t('detail.decision')), h('dd', { id: 'alert-decision' }, t(`decision.${alert.decision ?? 'review'}`)))),
    over >= 0 ? h('p', { class: 'muted small' }, t('detail.overThreshold', { diff: over.toFixed(3) })) : null);
}

function amountCard(alert) {
  return h('section', { class: 'card stat-card', 'aria-label': t('tx.amount') },
    h('p', { class: 'stat-label' }, t('tx.amount')),
    h('p', { class: 'stat-value', id: 'alert-amount' }, formatMoney(alert.amount, alert.currency)),
    h('p', { class: 'stat-sub', id: 'alert-time' }, formatTime(alert.timestamp)),
    h('p', { class: 'stat-sub' }, channelName(alert.channel), ' · ', h('span', { class: 'mono' }, alert.merchant_id ?? '—'),
      alert.merchant_category_code ? ` · MCC ${alert.merchant_category_code}` : ''));
}

function explanation(alert) {
  const reasons = rankedReasons(alert);
  return card(t('detail.explanation'), 'explanation',
    h('p', { class: 'muted' }, t('detail.explanationIntro')),
    h('ol', { class: 'reasons', id: 'reasons' }, reasons.map((reason) => {
      const share = Math.max(0, Math.min(1, reason.weight ?? 0));
      return h('li', { class: 'reason', 'data-code': reason.code },
        h('p', { class: 'reason-text' }, reasonText(reason, alert)),
        h('div', { class: 'reason-weight' },
          h('div', { class: 'weight-track', 'aria-hidden': 'true' }, h('div', { class: 'weight-fill', style: { width: `${share * 100}%` } })),
          h('span', { class: 'weight-value' }, `${t('detail.weight')} ${formatPercent(share)}`)));
    })));
}

/** The rules that held, in plain words beside the model's reasons; a shadow rule's hit is shown as not acting. */
function rulesCard(alert) {
  const hits = alert.rules ?? [];
  if (!hits.length) {
    return null;
  }
  return card(t('detail.rules'), 'rule-hits',
    h('p', { class: 'muted' }, t('detail.rulesIntro', { decision: t(`decision.${alert.decision ?? 'review'}`) })),
    h('ul', { class: 'rule-hit-list', id: 'rule-hit-list' }, hits.map((hit) => h('li', {
      class: ['rule-hit', hit.shadow ? 'rule-hit-shadow' : null], 'data-rule': hit.rule_id,
    },
    outcomeBadge(hit.outcome), ' ',
    h('span', { class: 'rule-hit-text' }, language() === 'en' ? hit.description_en : hit.description_es),
    h('span', { class: 'muted small' }, ' · ', h('a', { href: `#/rules/${encodeURIComponent(hit.rule_id)}`, class: 'mono' }, `${hit.rule_id} v${hit.version}`)),
    hit.shadow ? h('span', { class: 'muted small' }, ` · ${t('detail.ruleShadow')}`) : null))));
}

function transactionCard(alert) {
  const tx = alert.transaction ?? {};
  return card(t('detail.transaction'), 'transaction',
    h('dl', { class: 'facts facts-grid', id: 'transaction-facts' }, TRANSACTION_FIELDS.map((field) => {
      const value = transactionValue(field, tx, alert);
      return value == null || value === '' ? null
        : h('div', {}, h('dt', {}, t(`tx.${field}`)), h('dd', { class: ['account_id', 'transaction_id', 'merchant_id', 'device_id', 'ip', 'counterparty_account'].includes(field) ? 'mono' : null }, value));
    })));
}

function historyCard(alert) {
  const body = h('div', { class: 'chart-box', id: 'history-chart' }, h('p', { class: 'muted' }, t('queue.loading')));
  const section = card(t('detail.history'), 'history', h('p', { class: 'muted' }, t('detail.historyIntro')), body);
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
    ['this', 'alerted', 'normal'].map((kind) => h('li', {}, h('span', { class: ['swatch', `swatch-${kind}`] }),
      t(`detail.history${kind === 'this' ? 'This' : kind === 'alerted' ? 'Alerted' : 'Normal'}`))));
  get(`/api/alerts/${encodeURIComponent(alert.alert_id)}/history`).then((history) => {
    const alertTx = history.alert_transaction_id ?? alert.transaction_id;
    const points = (history.transactions ?? []).map((tx) => ({
      time: Date.parse(tx.timestamp),
      value: Number.parseFloat(tx.amount_pen ?? tx.amount),
      kind: tx.transaction_id === alertTx ? 'this' : tx.alert ? 'alerted' : 'normal',
      title: `${formatTime(tx.timestamp)} · ${amountOf(tx)} · ${tx.merchant_id ?? ''} · ${channelName(tx.channel)}`,
      tx,
    })).filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value));
    if (!points.some((p) => p.kind === 'this')) {
      points.push({ time: Date.parse(alert.timestamp), value: Number.parseFloat(alert.amount), kind: 'this',
        title: `${formatTime(alert.timestamp)} · ${formatMoney(alert.amount, alert.currency)}`, tx: alert });
    }
    if (points.length < 2) {
      body.replaceChildren(h('p', { class: 'muted' }, t('detail.historyEmpty')));
      return;
    }
    const times = points.map((p) => p.time);
    const label = t('detail.historyChart', { n: points.length, from: formatTime(new Date(Math.min(...times)), 'shortDateTime'),
      to: formatTime(new Date(Math.max(...times)), 'shortDateTime'), amount: formatMoney(alert.amount, alert.currency) });
    const chart = h('div', { class: 'chart-canvas' });
    body.replaceChildren(chart, legend, historyTable(points));
    drawAtWidth(chart, (width) => timeChart(width, {
      points, label, format: (v) => formatMoney(v).replace(/\.00$/, ''), timeTick: (time) => formatTime(new Date(time), 'shortDateTime'),
    }));
  }).catch(() => body.replaceChildren(h('p', { class: 'muted' }, t('detail.historyUnavailable'))));
  return section;
}

/** A history entry's amount in soles, with the amount as paid when it was another currency. */
function amountOf(tx) {
  const pen = tx.amount_pen ?? tx.amount;
  const foreign = tx.currency && tx.currency !== 'PEN' && tx.amount != null ? ` (${formatMoney(tx.amount, tx.currency)})` : '';
  return formatMoney(pen) + foreign;
}

function historyTable(points) {
  return h('details', { class: 'data-details' }, h('summary', {}, t('detail.historyData')),
    h('table', { class: 'table table-compact' },
      h('thead', {}, h('tr', {}, [t('col.time'), t('col.amount'), t('col.merchant'), t('col.channel'), t('col.score')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, [...points].sort((a, b) => a.time - b.time).map((p) => h('tr', { class: p.kind === 'this' ? 'row-this' : null },
        h('td', {}, formatTime(new Date(p.time)), p.kind === 'this' ? h('strong', {}, ` · ${t('detail.historyThis')}`) : ''),
        h('td', { class: 'num' }, amountOf(p.tx)),
        h('td', { class: 'mono' }, p.tx.merchant_id ?? '—'),
        h('td', {}, channelName(p.tx.channel)),
        h('td', { class: 'num' }, typeof p.tx.score === 'number' ? formatScore(p.tx.score) : '—'))))));
}

function auditCard(alert) {
  const events = alert.events ?? [];
  return card(t('detail.audit'), 'audit',
    events.length === 0 ? h('p', { class: 'muted' }, t('detail.auditEmpty')) : null,
    h('ol', { class: 'timeline', id: 'audit-trail' }, [...events].reverse().map((event) => {
      let text;
      if (event.action === 'status') {
        text = t('audit.status', { actor: event.actor, from: statusName(event.from_status), to: statusName(event.to_status) });
      } else if (event.action === 'assign') {
        text = t('audit.assign', { actor: event.actor, assignee: event.detail });
      } else if (event.action === 'unassign') {
        text = t('audit.unassign', { actor: event.actor, assignee: event.detail });
      } else if (event.action === 'note') {
        text = t('audit.note', { actor: event.actor });
      } else {
        text = t('audit.other', { actor: event.actor, action: event.action });
      }
      const note = !['assign', 'unassign'].includes(event.action) && event.detail ? h('blockquote', { class: 'event-note' }, event.detail) : null;
      return h('li', { class: ['event', `event-${event.action}`], 'data-action': event.action },
        h('p', { class: 'event-text' }, text), note,
        h('time', { datetime: event.at, class: 'event-time' }, formatTime(event.at)));
    })));
}

export function render(main, { alertId, user, toast }) {
  let alive = true;
  main.replaceChildren(h('div', { class: 'page' }, h('p', { class: 'muted' }, t('queue.loading'))));

  async function load(focusHeading) {
    try {
      const alert = await get(`/api/alerts/${encodeURIComponent(alertId)}`);
      if (alive) {
        draw(alert, focusHeading);
      }
    } catch (e) {
      if (alive) {
        main.replaceChildren(h('div', { class: 'page' }, backLink(),
          h('p', { class: 'form-error', role: 'alert' }, e.status === 404 ? t('detail.notFound', { id: alertId }) : t('error.load', { message: errorText(e) }))));
      }
    }
  }

  function backLink() {
    return h('a', { href: '#/alerts', class: 'back-link', id: 'back-to-queue' }, h('span', { 'aria-hidden': 'true' }, '← '), t('detail.back'));
  }

  /** Whether the alert is a colleague's that this user may not work (the server refuses it too). */
  function notMine(alert) {
    return alert.assignee != null && alert.assignee !== user.username && !['supervisor', 'admin'].includes(user.role);
  }

  function decisionCard(alert) {
    if (notMine(alert)) {
      return null;
    }
    const note = h('textarea', { id: 'decision-note', rows: 3, maxlength: 4000 });
    const error = h('p', { class: 'form-error', id: 'decision-error', role: 'alert' });
    const buttons = DECISIONS.map((status) => h('button', {
      type: 'button', class: ['btn', status === 'confirmed_fraud' ? 'btn-danger' : status === 'false_positive' ? 'btn-success' : null],
      'data-decision': status, disabled: alert.status === status,
      onclick: () => act(error, buttons, () => post(`/api/alerts/${encodeURIComponent(alert.alert_id)}/status`,
        note.value.trim() ? { status, note: note.value.trim() } : { status }), t('detail.moved', { status: statusName(status) })),
    }, t(`decide.${status}`)));
    return card(t('detail.decide'), 'decision',
      h('p', { class: 'muted small' }, t('detail.decideIntro')),
      h('div', { class: 'field' }, h('label', { for: 'decision-note' }, t('detail.note')), note),
      h('div', { class: 'decision-buttons' }, buttons),
      error);
  }

  function assignmentCard(alert) {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const assign = (assignee, success) => act(error, [button],
      () => post(`/api/alerts/${encodeURIComponent(alert.alert_id)}/assignee`, { assignee }), success);
    let button = null;
    if (alert.assignee == null) {
      button = h('button', { type: 'button', class: 'btn', id: 'assign-me',
        onclick: () => assign(user.username, t('detail.assigned', { user: user.username })) }, t('detail.assignMe'));
    } else if (alert.assignee === user.username) {
      button = h('button', { type: 'button', class: 'btn', id: 'release',
        onclick: () => assign(null, t('detail.released')) }, t('detail.release'));
    } else if (!notMine(alert)) {
      button = h('button', { type: 'button', class: 'btn', id: 'take-over',
        onclick: () => assign(user.username, t('detail.assigned', { user: user.username })) }, t('detail.takeOver'));
    }
    return card(t('detail.assignment'), 'assignment',
      h('dl', { class: 'facts' }, h('div', {}, h('dt', {}, t('detail.assignee')),
        h('dd', { id: 'assignee' }, alert.assignee ?? h('span', { class: 'muted' }, t('detail.unassigned'))))),
      notMine(alert) ? h('p', { class: 'muted small', id: 'not-yours' }, t('detail.notYours', { user: alert.assignee })) : null,
      button, error);
  }

  function noteCard(alert) {
    if (notMine(alert)) {
      return null;
    }
    const text = h('textarea', { id: 'note-text', rows: 3, maxlength: 4000, required: true });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const button = h('button', { type: 'submit', class: 'btn', id: 'add-note' }, t('detail.addNote'));
    return card(t('detail.notes'), 'notes',
      h('form', { class: 'form', onsubmit: (event) => {
        event.preventDefault();
        if (text.value.trim()) {
          act(error, [button], () => post(`/api/alerts/${encodeURIComponent(alert.alert_id)}/notes`, { text: text.value.trim() }), t('detail.noted'));
        }
      } }, h('div', { class: 'field' }, h('label', { for: 'note-text' }, t('detail.noteText')), text), button, error));
  }

  function rosCard(alert) {
    if (alert.status !== 'confirmed_fraud' || !['supervisor', 'admin'].includes(user.role)) {
      return null;
    }
    const fetchDraft = (format) => download(`/api/alerts/${encodeURIComponent(alert.alert_id)}/ros.${format}`,
      `ros-borrador-${alert.alert_id}.${format}`).catch((e) => toast(errorText(e), 'error'));
    return card(t('detail.ros'), 'ros', h('p', { class: 'muted small' }, t('detail.rosIntro')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn', onclick: () => fetchDraft('html') }, t('detail.rosHtml')),
        h('button', { type: 'button', class: 'btn', onclick: () => fetchDraft('csv') }, t('detail.rosCsv'))));
  }

  async function act(error, buttons, call, success) {
    error.textContent = '';
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await call();
      toast(success, 'success');
      await load(true);
    } catch (e) {
      error.textContent = errorText(e);
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  function draw(alert, focusHeading) {
    document.title = `${t('detail.title', { id: alert.alert_id })} · Centinela`;
    const heading = h('h1', { id: 'page-title', tabindex: -1 }, t('detail.title', { id: alert.alert_id }));
    main.replaceChildren(h('div', { class: 'page' },
      backLink(),
      h('div', { class: 'page-head' },
        h('div', {}, h('div', { class: 'title-row' }, heading, h('span', { id: 'alert-status' }, statusBadge(alert.status))),
          h('p', { class: 'page-meta' }, t('detail.createdAt', { time: formatTime(alert.created_at) }),
            alert.case_id ? [' · ', h('a', { href: `#/cases/${encodeURIComponent(alert.case_id)}`, id: 'alert-case' },
              t('detail.case', { id: alert.case_id }))] : null))),
      h('div', { class: 'detail-layout' },
        h('div', { class: 'detail-main' },
          h('div', { class: 'stat-row' }, scoreCard(alert), amountCard(alert)),
          rulesCard(alert),
          explanation(alert),
          historyCard(alert),
          transactionCard(alert)),
        h('aside', { class: 'detail-side', 'aria-label': t('detail.decide') },
          decisionCard(alert),
          assignmentCard(alert),
          rosCard(alert),
          noteCard(alert),
          auditCard(alert)))));
    if (focusHeading) {
      heading.focus({ preventScroll: true });
    }
  }

  load(true);
  return () => { alive = false; };
}
