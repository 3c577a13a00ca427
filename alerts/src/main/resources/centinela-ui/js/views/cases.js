// Cases: the inboxes (mine, free, every active one, closed), taking the next case, and one case worked as a whole.

import { download, get, post } from '../api.js';
import { bulkSelection } from '../bulk.js';
import { drawAtWidth, h } from '../dom.js';
import { networkChart, risk } from '../network.js';
import { errorText, formatMoney, formatScore, formatTime, statusName, t } from '../i18n.js';
import { statusBadge } from './queue.js';
import { loadQueues, queueEditor, queueStrip } from './queues.js';
import { loadSla, slaEditor } from './sla.js';

const TABS = {
  mine: { owner: 'me', status: 'active', sort: 'priority' },
  free: { owner: 'none', status: 'open', sort: 'priority' },
  overdue: { status: 'active', overdue: true, sort: 'due_at' },
  active: { status: 'active', sort: 'priority' },
  closed: { status: 'closed', sort: 'closed_at' },
};

/** The moves a case's workflow allows from its status; the server checks them again, with the role. */
const MOVES = {
  open: ['investigating'],
  investigating: ['closed_fraud', 'closed_not_fraud', 'escalated'],
  escalated: ['closed_fraud', 'closed_not_fraud'],
  closed_fraud: ['investigating'],
  closed_not_fraud: ['investigating'],
};

const SUPERVISOR_ONLY = { escalated: ['closed_fraud', 'closed_not_fraud'], closed_fraud: ['investigating'], closed_not_fraud: ['investigating'] };

const caseStatusName = (status) => t(`caseStatus.${status}`);

function caseBadge(status) {
  return h('span', { class: ['badge', `badge-case-${status}`] }, caseStatusName(status));
}

function bandBadge(band) {
  return h('span', { class: ['badge', `badge-band-${band}`] }, t(`band.${band}`));
}

/** Time left before the case's SLA runs out, or how long ago it did; closed cases have none. */
export function slaText(item, now = Date.now()) {
  if (item.status?.startsWith('closed') || !item.due_at) {
    return '—';
  }
  const minutes = Math.round((Date.parse(item.due_at) - now) / 60000);
  const span = duration(Math.abs(minutes));
  return minutes >= 0 ? t('cases.slaLeft', { span }) : t('cases.slaOverdue', { span });
}

function duration(minutes) {
  if (minutes < 60) {
    return t('cases.minutes', { n: minutes });
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return t('cases.hoursMinutes', { h: hours, m: minutes % 60 });
  }
  return t('cases.days', { n: Math.floor(hours / 24) });
}

function overdue(item) {
  return !item.status?.startsWith('closed') && item.due_at && Date.parse(item.due_at) < Date.now();
}

/** What the list's bulk bar can do to the selected cases, as the body of POST /api/cases/bulk. */
const BULK = {
  investigate: () => ({ action: 'status', status: 'investigating' }),
  closeNotFraud: () => ({ action: 'status', status: 'closed_not_fraud' }),
  closeFraud: () => ({ action: 'status', status: 'closed_fraud' }),
  takeThem: (user) => ({ action: 'owner', owner: user.username }),
  handBack: () => ({ action: 'owner', owner: null }),
  note: (user, text) => ({ action: 'note', text }),
};

export function renderList(main, { query, navigate, toast, user }) {
  const queueName = query.get('queue');
  const tab = queueName ? 'queue' : (TABS[query.get('tab')] ? query.get('tab') : 'mine');
  const listParams = queueName ? { status: 'active', queue: queueName, sort: 'priority' } : TABS[tab];
  const supervisor = ['supervisor', 'admin'].includes(user.role);
  const queuesSlot = h('div', { id: 'queues-slot' });
  const editorSlot = h('div', { id: 'queue-editor-slot' });
  const slaSlot = h('div', { id: 'sla-editor-slot' });
  const bulk = bulkSelection({ kind: 'cases', endpoint: '/api/cases/bulk', idField: 'case_id', actions: BULK, user, toast,
    reload: () => load() });
  const body = h('tbody', { id: 'case-rows' });
  const status = h('div', { class: 'table-status', id: 'cases-status' }, t('queue.loading'));
  const count = h('p', { class: 'page-meta', id: 'cases-count', 'aria-live': 'polite' });
  const takeError = h('p', { class: 'form-error', id: 'take-error', role: 'alert' });
  const take = h('button', { type: 'button', class: 'btn btn-primary', id: 'take-next', onclick: takeNext }, t('cases.takeNext'));

  async function takeNext() {
    take.disabled = true;
    takeError.textContent = '';
    try {
      const taken = await post(queueName ? `/api/cases/next?queue=${encodeURIComponent(queueName)}` : '/api/cases/next', undefined);
      if (!taken) {
        toast(t('cases.noneFree'), 'info');
        take.disabled = false;
        return;
      }
      toast(t('cases.taken', { id: taken.case_id }), 'success');
      navigate(`#/cases/${encodeURIComponent(taken.case_id)}`);
    } catch (e) {
      takeError.textContent = errorText(e);
      take.disabled = false;
    }
  }

  function row(item) {
    const href = `#/cases/${encodeURIComponent(item.case_id)}`;
    return h('tr', { class: ['case-row', overdue(item) && 'row-overdue'], 'data-case-id': item.case_id, onclick: (e) => {
      if (!e.target.closest('a, input')) {
        navigate(href);
      }
    } },
      bulk.checkbox(item.case_id),
      h('td', {}, h('a', { href, class: 'row-link mono' }, item.case_id)),
      h('td', { class: 'num' }, h('strong', {}, String(item.priority)), ' ', bandBadge(item.band)),
      h('td', { class: 'mono' }, item.account_id),
      h('td', { class: 'num' }, t('cases.alertCount', { n: item.alerts, open: item.undecided_alerts })),
      h('td', { class: 'num' }, formatScore(item.max_score)),
      h('td', { class: 'num amount' }, formatMoney(item.amount_at_risk)),
      h('td', {}, formatTime(item.opened_at)),
      h('td', { class: ['cell-sla', overdue(item) && 'sla-overdue'] }, slaText(item)),
      h('td', {}, caseBadge(item.status),
        item.owner ? h('span', { class: 'sub' }, t('queue.assignedTo', { user: item.owner })) : null));
  }

  async function load() {
    try {
      const page = await get('/api/cases', { ...listParams, limit: 200 });
      body.replaceChildren(...page.cases.map(row));
      count.textContent = t('cases.count', { n: page.cases.length });
      status.hidden = page.cases.length > 0;
      status.textContent = t(`cases.empty.${tab}`);
    } catch (e) {
      status.hidden = false;
      status.textContent = t('error.load', { message: errorText(e) });
    }
  }

  main.replaceChildren(
    h('div', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', { id: 'page-title', tabindex: -1 }, t('cases.title')), count),
        h('div', { class: 'button-row' }, take)),
      takeError,
      bulk.bar,
      h('nav', { class: 'tabs', 'aria-label': t('cases.inboxes') }, Object.keys(TABS).map((name) => h('a', {
        href: `#/cases?tab=${name}`, class: 'tab', id: `tab-${name}`, 'aria-current': name === tab ? 'page' : null,
      }, t(`cases.tab.${name}`)))),
      queuesSlot,
      h('div', { class: 'card table-card' },
        h('table', { class: 'table', id: 'case-table' },
          h('caption', { class: 'visually-hidden' }, t('cases.title')),
          h('thead', {}, h('tr', {}, bulk.header(),
            ['case', 'priority', 'account', 'alerts', 'maxScore', 'atRisk', 'opened', 'sla', 'status']
              .map((c) => h('th', { scope: 'col', class: ['priority', 'alerts', 'maxScore', 'atRisk'].includes(c) ? 'num' : null }, t(`cases.col.${c}`))))),
          body),
        status),
      editorSlot,
      slaSlot));
  document.title = `${t('cases.title')} · Centinela`;

  async function loadQueueViews() {
    try {
      const queues = await loadQueues();
      queuesSlot.replaceChildren(...[queueStrip({ user, current: queueName, queues })].filter(Boolean));
      if (supervisor) {
        const open = editorSlot.querySelector('details')?.open ?? false;
        editorSlot.replaceChildren(queueEditor({ queues, toast, reload: loadQueueViews, open }));
      }
    } catch (e) {
      queuesSlot.replaceChildren(h('p', { class: 'muted' }, t('error.load', { message: errorText(e) })));
    }
  }
  async function loadSlaEditor() {
    try {
      const open = slaSlot.querySelector('details')?.open ?? false;
      slaSlot.replaceChildren(slaEditor({ bands: await loadSla(), toast, reload: () => { loadSlaEditor(); load(); }, open }));
    } catch (e) {
      slaSlot.replaceChildren(h('p', { class: 'muted' }, t('error.load', { message: errorText(e) })));
    }
  }
  loadQueueViews();
  if (supervisor) {
    loadSlaEditor();
  }
  load();
  const refresh = setInterval(load, 30000);
  return () => clearInterval(refresh);
}

function card(title, id, ...content) {
  const headingId = `${id}-title`;
  return h('section', { class: 'card', id, 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), ...content);
}

function timelineText(event) {
  if (event.alert_id && event.action === 'alert') {
    return t('cases.event.alert', { id: event.alert_id });
  }
  const on = event.alert_id ? t('cases.event.onAlert', { id: event.alert_id }) : '';
  switch (event.action) {
    case 'opened':
      return event.actor === 'migration' ? t('cases.event.migrated') : t('cases.event.opened');
    case 'status':
      return t('cases.event.status', {
        actor: event.actor,
        from: event.alert_id ? statusName(event.from_status) : caseStatusName(event.from_status),
        to: event.alert_id ? statusName(event.to_status) : caseStatusName(event.to_status),
      }) + on;
    case 'assign':
      return t(event.alert_id ? 'audit.assign' : 'cases.event.assign', { actor: event.actor, assignee: event.detail }) + on;
    case 'unassign':
      return t(event.alert_id ? 'audit.unassign' : 'cases.event.unassign', { actor: event.actor, assignee: event.detail }) + on;
    case 'note':
      return t('audit.note', { actor: event.actor }) + on;
    case 'linked':
      return t('cases.event.linked', { via: t(`cases.via.${event.detail}`) });
    default:
      return t('audit.other', { actor: event.actor, action: event.action }) + on;
  }
}

export function renderCase(main, { caseId, user, toast }) {
  let alive = true;
  const supervisor = ['supervisor', 'admin'].includes(user.role);
  main.replaceChildren(h('div', { class: 'page' }, h('p', { class: 'muted' }, t('queue.loading'))));

  function backLink() {
    return h('a', { href: '#/cases', class: 'back-link', id: 'back-to-cases' }, h('span', { 'aria-hidden': 'true' }, '← '), t('cases.back'));
  }

  async function load(focusHeading) {
    try {
      const found = await get(`/api/cases/${encodeURIComponent(caseId)}`);
      if (alive) {
        draw(found, focusHeading);
      }
    } catch (e) {
      if (alive) {
        main.replaceChildren(h('div', { class: 'page' }, backLink(),
          h('p', { class: 'form-error', role: 'alert' }, e.status === 404 ? t('cases.notFound', { id: caseId }) : t('error.load', { message: errorText(e) }))));
      }
    }
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

  const notMine = (found) => found.owner != null && found.owner !== user.username && !supervisor;

  function decisionCard(found) {
    if (notMine(found)) {
      return null;
    }
    const moves = (MOVES[found.status] ?? []).filter((to) => supervisor || !(SUPERVISOR_ONLY[found.status] ?? []).includes(to));
    if (!moves.length) {
      return card(t('cases.decide'), 'case-decision', h('p', { class: 'muted small' }, t('cases.onlySupervisor')));
    }
    const note = h('textarea', { id: 'case-note', rows: 3, maxlength: 4000 });
    const error = h('p', { class: 'form-error', id: 'case-decision-error', role: 'alert' });
    const buttons = moves.map((to) => h('button', {
      type: 'button', class: ['btn', to === 'closed_fraud' ? 'btn-danger' : to === 'closed_not_fraud' ? 'btn-success' : null],
      'data-move': to,
      onclick: () => act(error, buttons, () => post(`/api/cases/${encodeURIComponent(found.case_id)}/status`,
        note.value.trim() ? { status: to, note: note.value.trim() } : { status: to }),
      t('cases.moved', { status: caseStatusName(to) })),
    }, t(`cases.move.${found.status.startsWith('closed') ? 'reopen' : to}`)));
    return card(t('cases.decide'), 'case-decision',
      h('p', { class: 'muted small' }, t('cases.decideIntro', { n: found.undecided_alerts })),
      h('div', { class: 'field' }, h('label', { for: 'case-note' }, t('detail.note')), note),
      h('div', { class: 'decision-buttons' }, buttons),
      error);
  }

  function ownerCard(found) {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const assign = (owner, success) => act(error, [button],
      () => post(`/api/cases/${encodeURIComponent(found.case_id)}/owner`, { owner }), success);
    let button = null;
    if (found.owner == null) {
      button = h('button', { type: 'button', class: 'btn', id: 'case-take',
        onclick: () => assign(user.username, t('cases.assigned', { user: user.username })) }, t('detail.assignMe'));
    } else if (found.owner === user.username) {
      button = h('button', { type: 'button', class: 'btn', id: 'case-release',
        onclick: () => assign(null, t('cases.released')) }, t('detail.release'));
    } else if (supervisor) {
      button = h('button', { type: 'button', class: 'btn', id: 'case-take-over',
        onclick: () => assign(user.username, t('cases.assigned', { user: user.username })) }, t('detail.takeOver'));
    }
    return card(t('cases.owner'), 'case-owner',
      h('dl', { class: 'facts' }, h('div', {}, h('dt', {}, t('cases.owner')),
        h('dd', { id: 'case-owner-name' }, found.owner ?? h('span', { class: 'muted' }, t('detail.unassigned'))))),
      notMine(found) ? h('p', { class: 'muted small' }, t('cases.notYours', { user: found.owner })) : null,
      button, error);
  }

  function noteCard(found) {
    if (notMine(found)) {
      return null;
    }
    const text = h('textarea', { id: 'case-note-text', rows: 3, maxlength: 4000, required: true });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const button = h('button', { type: 'submit', class: 'btn', id: 'case-add-note' }, t('detail.addNote'));
    return card(t('detail.notes'), 'case-notes',
      h('form', { class: 'form', onsubmit: (event) => {
        event.preventDefault();
        if (text.value.trim()) {
          act(error, [button], () => post(`/api/cases/${encodeURIComponent(found.case_id)}/notes`, { text: text.value.trim() }), t('detail.noted'));
        }
      } }, h('div', { class: 'field' }, h('label', { for: 'case-note-text' }, t('detail.noteText')), text), button, error));
  }

  function rosCard(found) {
    if (found.status !== 'closed_fraud' || !supervisor) {
      return null;
    }
    const fetchDraft = (format) => download(`/api/cases/${encodeURIComponent(found.case_id)}/ros.${format}`,
      `ros-borrador-${found.case_id}.${format}`).catch((e) => toast(errorText(e), 'error'));
    return card(t('detail.ros'), 'case-ros', h('p', { class: 'muted small' }, t('cases.rosIntro')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn', id: 'case-ros-html', onclick: () => fetchDraft('html') }, t('detail.rosHtml')),
        h('button', { type: 'button', class: 'btn', onclick: () => fetchDraft('csv') }, t('detail.rosCsv'))));
  }

  function alertsCard(found) {
    return card(t('cases.alerts'), 'case-alerts',
      h('table', { class: 'table table-compact', id: 'case-alert-table' },
        h('thead', {}, h('tr', {}, [t('col.time'), t('col.account'), t('col.score'), t('col.amount'), t('col.merchant'),
          t('col.status')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, found.alert_list.map((alert) => h('tr', { 'data-alert-id': alert.alert_id },
          h('td', {}, h('a', { href: `#/alerts/${encodeURIComponent(alert.alert_id)}` }, formatTime(alert.timestamp))),
          h('td', { class: 'mono' }, alert.account_id),
          h('td', { class: 'num' }, formatScore(alert.score)),
          h('td', { class: 'num' }, formatMoney(alert.amount, alert.currency)),
          h('td', { class: 'mono' }, alert.merchant_id ?? '—'),
          h('td', {}, statusBadge(alert.status)))))));
  }

  function networkCard(found) {
    const body = h('div', { class: 'chart-box', id: 'case-network' }, h('p', { class: 'muted' }, t('queue.loading')));
    const describe = (node) => [t(`network.kind.${node.kind}`) + ': ' + node.label,
      node.frauds > 0 ? t('network.frauds', { n: node.frauds }) : null,
      node.blocked ? t('network.blocked') : null,
      node.alerts > 0 ? t('network.alerts', { n: node.alerts }) : null,
      node.case_id ? t('detail.case', { id: node.case_id }) : null].filter(Boolean).join(' · ');
    get(`/api/cases/${encodeURIComponent(found.case_id)}/network`, { days: 30, depth: 2 }).then((network) => {
      if (!alive) {
        return;
      }
      const linked = network.nodes.filter((n) => n.depth > 0 && n.kind === 'account');
      const chart = h('div', { class: 'chart-canvas' });
      const legend = h('ul', { class: 'legend' }, ['fraud', 'blocked', 'alerted', 'clear'].map((kind) => h('li', {},
        h('span', { class: ['swatch', `swatch-risk-${kind}`] }), t(`network.risk.${kind}`))));
      body.replaceChildren(
        h('p', { class: 'muted small', id: 'network-summary' }, t('network.summary', {
          accounts: linked.length, risky: linked.filter((n) => risk(n) !== 'clear').length, days: network.days })),
        chart, legend,
        ...(network.truncated ? [h('p', { class: 'muted small' }, t('network.truncated', { n: network.max_nodes }))] : []),
        h('details', { class: 'data-details' }, h('summary', {}, t('network.list')),
          h('ul', { id: 'network-nodes' }, network.nodes.map((node) => h('li', { 'data-node': node.id },
            node.kind === 'account' && node.case_id
              ? h('a', { href: `#/cases/${encodeURIComponent(node.case_id)}` }, describe(node)) : describe(node))))));
      drawAtWidth(chart, (width) => networkChart(width, network, {
        label: t('network.label', { n: network.nodes.length }), describe,
        open: (node) => { location.hash = `#/cases/${encodeURIComponent(node.case_id)}`; },
      }));
    }).catch((e) => body.replaceChildren(h('p', { class: 'muted' }, t('error.load', { message: errorText(e) }))));
    return card(t('network.title'), 'case-network-card', h('p', { class: 'muted small' }, t('network.intro')), body);
  }

  function linkedCard(found) {
    if (found.linked_accounts.length === 0) {
      return null;
    }
    return card(t('cases.linked'), 'case-linked', h('p', { class: 'muted small' }, t('cases.linkedIntro')),
      h('ul', { id: 'case-linked-list' }, found.linked_accounts.map((link) => h('li', { 'data-via': link.via },
        t('cases.linkedItem', { account: link.account_id, via: t(`cases.via.${link.via}`), value: link.value,
          other: link.linked_account })))));
  }

  function timelineCard(found) {
    return card(t('cases.timeline'), 'case-timeline',
      h('ol', { class: 'timeline', id: 'case-timeline-list' }, [...found.timeline].reverse().map((event) => h('li', {
        class: ['event', `event-${event.action}`], 'data-action': event.action,
      },
      h('p', { class: 'event-text' }, timelineText(event)),
      !['alert', 'opened', 'assign', 'unassign', 'linked'].includes(event.action) && event.detail
        ? h('blockquote', { class: 'event-note' }, event.detail) : null,
      h('time', { datetime: event.at, class: 'event-time' }, formatTime(event.at))))));
  }

  function stat(label, id, value, sub) {
    return h('section', { class: 'card stat-card', 'aria-label': label },
      h('p', { class: 'stat-label' }, label), h('p', { class: 'stat-value', id }, value), sub ? h('p', { class: 'stat-sub' }, sub) : null);
  }

  function draw(found, focusHeading) {
    document.title = `${t('cases.caseTitle', { id: found.case_id })} · Centinela`;
    const heading = h('h1', { id: 'page-title', tabindex: -1 }, t('cases.caseTitle', { id: found.case_id }));
    main.replaceChildren(h('div', { class: 'page' },
      backLink(),
      h('div', { class: 'page-head' },
        h('div', {}, h('div', { class: 'title-row' }, heading, h('span', { id: 'case-status' }, caseBadge(found.status))),
          h('p', { class: 'page-meta' }, t('cases.meta', { account: found.account_id, time: formatTime(found.opened_at) })))),
      h('div', { class: 'detail-layout' },
        h('div', { class: 'detail-main' },
          h('div', { class: 'stat-row' },
            stat(t('cases.col.priority'), 'case-priority', String(found.priority), bandBadge(found.band)),
            stat(t('cases.col.atRisk'), 'case-at-risk', formatMoney(found.amount_at_risk),
              t('cases.alertCount', { n: found.alerts, open: found.undecided_alerts })),
            stat(t('cases.col.sla'), 'case-sla', slaText(found), found.due_at ? formatTime(found.due_at) : null)),
          alertsCard(found),
          ...[linkedCard(found)].filter(Boolean),
          networkCard(found),
          timelineCard(found)),
        h('aside', { class: 'detail-side', 'aria-label': t('cases.decide') },
          decisionCard(found),
          rosCard(found),
          ownerCard(found),
          noteCard(found)))));
    if (focusHeading) {
      heading.focus({ preventScroll: true });
    }
  }

  load(true);
  return () => { alive = false; };
}
