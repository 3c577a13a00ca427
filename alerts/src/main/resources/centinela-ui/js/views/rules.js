// Business rules and lists: the rules in force and their versions, an editor that checks the expression as one types
// and shows where it is wrong, a trial on the stored history before anything acts, and the block, allow and watch lists.

import { get, post, request } from '../api.js';
import { h } from '../dom.js';
import { errorText, formatDate, formatNumber, formatPercent, formatTime, language, t } from '../i18n.js';
import { variableDescription } from '../variables.js';

const STATUSES = ['draft', 'shadow', 'active', 'retired'];
const OUTCOMES = ['review', 'decline', 'allow'];
const KINDS = ['device', 'account', 'ip', 'merchant', 'counterparty'];
const PURPOSES = ['block', 'allow', 'watch'];

const canWrite = (user) => ['supervisor', 'admin'].includes(user.role);
const enc = encodeURIComponent;

function card(title, id, ...content) {
  const headingId = `${id}-title`;
  return h('section', { class: 'card', id, 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), ...content);
}

export function ruleStatusBadge(status) {
  return h('span', { class: ['badge', `badge-rule-${status}`] }, t(`rule.status.${status}`));
}

export function outcomeBadge(outcome) {
  return h('span', { class: ['badge', `badge-outcome-${outcome}`] }, t(`rule.outcome.${outcome}`));
}

function page(main, title, ...content) {
  document.title = `${title} · Centinela`;
  const heading = h('h1', { id: 'page-title', tabindex: -1 }, title);
  main.replaceChildren(h('div', { class: 'page' }, h('div', { class: 'page-head' }, heading), ...content));
}

function table(caption, headers, rows, id) {
  return h('div', { class: 'table-card' },
    h('table', { class: 'table', id },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headers.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows)));
}

/** #/rules: every rule, the rules scoring refuses, and the lists. */
export function renderList(main, { user }) {
  page(main, t('rules.title'), h('p', { class: 'muted' }, t('queue.loading')));
  Promise.all([get('/api/rules'), get('/api/lists')]).then(([rules, lists]) => {
    const refused = rules.refused ?? [];
    page(main, t('rules.title'),
      h('p', { class: 'muted' }, t('rules.intro')),
      canWrite(user) ? h('p', {}, h('a', { class: 'btn btn-primary', href: '#/rules/new', id: 'new-rule' }, t('rules.new'))) : null,
      refused.length ? h('div', { class: 'notice notice-error', id: 'refused-rules', role: 'alert' },
        t('rules.refused'), h('ul', {}, refused.map((r) => h('li', {}, h('span', { class: 'mono' }, `${r.id} v${r.version}`), `: ${r.reason}`)))) : null,
      table(t('rules.title'), [t('rules.id'), t('rules.status'), t('rules.outcome'), t('rules.description'), t('rules.version'), t('rules.updated')],
        rules.rules.map((rule) => h('tr', { 'data-rule': rule.id },
          h('td', {}, h('a', { href: `#/rules/${enc(rule.id)}`, class: 'mono' }, rule.id)),
          h('td', {}, ruleStatusBadge(rule.status)),
          h('td', {}, outcomeBadge(rule.outcome)),
          h('td', {}, language() === 'en' ? rule.description_en : rule.description_es,
            h('div', { class: 'mono small muted' }, rule.expression)),
          h('td', { class: 'num' }, rule.version),
          h('td', { class: 'small' }, rule.updated_by, h('br'), formatTime(rule.updated_at)))), 'rules-table'),
      rules.rules.length ? null : h('p', { class: 'table-status' }, t('rules.none')),
      h('h2', { class: 'section-title' }, t('lists.title')),
      h('p', { class: 'muted' }, t('lists.intro')),
      table(t('lists.title'), [t('lists.name'), t('lists.kind'), t('lists.purpose'), t('lists.entries')],
        lists.lists.map((list) => h('tr', { 'data-list': list.name },
          h('td', {}, h('a', { href: `#/lists/${enc(list.name)}`, class: 'mono' }, list.name), h('div', { class: 'small muted' }, list.description)),
          h('td', {}, t(`lists.kind.${list.kind}`)),
          h('td', {}, t(`lists.purpose.${list.purpose}`)),
          h('td', { class: 'num' }, list.entries))), 'lists-table'),
      canWrite(user) ? newListForm() : null);
  }).catch((e) => page(main, t('rules.title'), h('p', { class: 'form-error', role: 'alert' }, errorText(e))));
  return () => {};

  function newListForm() {
    const name = h('input', { id: 'list-name', required: true, pattern: '[a-z][a-z0-9_]{0,63}', autocomplete: 'off' });
    const kind = h('select', { id: 'list-kind' }, KINDS.map((k) => h('option', { value: k }, t(`lists.kind.${k}`))));
    const purpose = h('select', { id: 'list-purpose' }, PURPOSES.map((p) => h('option', { value: p }, t(`lists.purpose.${p}`))));
    const description = h('input', { id: 'list-description', maxlength: 500 });
    const error = h('p', { class: 'form-error', role: 'alert' });
    return card(t('lists.new'), 'new-list',
      h('form', { class: 'form form-grid', onsubmit: (event) => {
        event.preventDefault();
        error.textContent = '';
        post('/api/lists', { name: name.value.trim(), kind: kind.value, purpose: purpose.value, description: description.value.trim() })
          .then((list) => { location.hash = `#/lists/${enc(list.name)}`; })
          .catch((e) => { error.textContent = errorText(e); });
      } },
      h('div', { class: 'field' }, h('label', { for: 'list-name' }, t('lists.name')), name, h('p', { class: 'hint' }, t('rules.idHint'))),
      h('div', { class: 'field' }, h('label', { for: 'list-kind' }, t('lists.kind')), kind),
      h('div', { class: 'field' }, h('label', { for: 'list-purpose' }, t('lists.purpose')), purpose),
      h('div', { class: 'field' }, h('label', { for: 'list-description' }, t('lists.description')), description),
      h('button', { type: 'submit', class: 'btn', id: 'create-list' }, t('lists.create')), error));
  }
}

/** Where an expression is wrong: each problem, and the line it is on with a caret under the column. */
function problemsView(expression, problems) {
  const lines = expression.split('\n');
  return h('div', { class: 'expression-problems', id: 'expression-problems', role: 'alert' },
    problems.map((p) => h('div', { class: 'expression-problem' },
      h('p', { class: 'form-error' }, t('rules.problemAt', { line: p.line, column: p.column }), ' ', p.message),
      h('pre', { class: 'caret' }, `${lines[p.line - 1] ?? ''}\n${' '.repeat(Math.max(0, p.column - 1))}^`))));
}

/** #/rules/new and #/rules/{id}: the editor, the trial on history, the status and the versions. */
export function renderRule(main, { user, ruleId, toast }) {
  const isNew = ruleId === 'new';
  let alive = true;
  let current = null;
  if (isNew) {
    draw(null);
  } else {
    load();
  }
  return () => { alive = false; };

  function load() {
    get(`/api/rules/${enc(ruleId)}`).then((rule) => {
      if (alive) {
        current = rule;
        draw(rule);
      }
    }).catch((e) => page(main, ruleId, h('p', { class: 'form-error', role: 'alert' }, errorText(e))));
  }

  function draw(rule) {
    const writable = canWrite(user) && (!rule || rule.managed_by === 'api');
    const field = (id, label, input, hint) => h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null);
    const id = h('input', { id: 'rule-id', required: true, pattern: '[a-z][a-z0-9_]{0,63}', value: rule?.id ?? '', readonly: !isNew || !writable, autocomplete: 'off' });
    const es = h('input', { id: 'rule-description-es', required: true, maxlength: 500, value: rule?.description_es ?? '', readonly: !writable });
    const en = h('input', { id: 'rule-description-en', required: true, maxlength: 500, value: rule?.description_en ?? '', readonly: !writable });
    const outcome = h('select', { id: 'rule-outcome', disabled: !writable },
      OUTCOMES.map((o) => h('option', { value: o, selected: rule?.outcome === o }, t(`rule.outcome.${o}`))));
    const expression = h('textarea', { id: 'rule-expression', rows: 4, maxlength: 4000, spellcheck: 'false', class: 'mono', readonly: !writable });
    expression.value = rule?.expression ?? '';
    const check = h('div', { id: 'expression-check', 'aria-live': 'polite' });
    const error = h('p', { class: 'form-error', role: 'alert', id: 'rule-error' });
    let timer = null;
    const checkNow = () => {
      const text = expression.value;
      if (!text.trim() || !writable) {
        check.replaceChildren();
        return Promise.resolve(false);
      }
      return post('/api/rules/check', { expression: text }).then((answer) => {
        check.replaceChildren(h('p', { class: 'form-ok', id: 'expression-ok' }, answer.compiled ? t('rules.valid') : t('rules.validInterpreted')));
        return true;
      }).catch((e) => {
        check.replaceChildren(e.code === 'invalid_expression' && e.problems
          ? problemsView(text, e.problems) : h('p', { class: 'form-error' }, errorText(e)));
        return false;
      });
    };
    expression.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(checkNow, 400);
    });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-rule' }, isNew ? t('rules.saveDraft') : t('rules.saveVersion'));
    const form = h('form', { class: 'form', onsubmit: (event) => {
      event.preventDefault();
      error.textContent = '';
      const body = { expression: expression.value, outcome: outcome.value, description_es: es.value.trim(), description_en: en.value.trim() };
      const call = isNew ? post('/api/rules', { id: id.value.trim(), ...body })
        : request('PUT', `/api/rules/${enc(rule.id)}`, { version: rule.version, ...body });
      save.disabled = true;
      call.then((saved) => {
        toast(t('rules.saved', { id: saved.id, version: saved.version }), 'success');
        if (isNew) {
          location.hash = `#/rules/${enc(saved.id)}`;
        } else {
          load();
        }
      }).catch((e) => {
        save.disabled = false;
        if (e.code === 'invalid_expression' && e.problems) {
          check.replaceChildren(problemsView(expression.value, e.problems));
        }
        error.textContent = errorText(e);
      });
    } },
    field('rule-id', t('rules.id'), id, isNew ? t('rules.idHint') : null),
    field('rule-description-es', t('rules.descriptionEs'), es),
    field('rule-description-en', t('rules.descriptionEn'), en),
    field('rule-outcome', t('rules.outcome'), outcome),
    field('rule-expression', t('rules.expression'), expression, t('rules.expressionHint')),
    check,
    writable ? h('div', { class: 'button-row' }, save) : null,
    error);
    const title = isNew ? t('rules.new') : t('rules.ruleTitle', { id: rule.id });
    page(main, title,
      h('p', {}, h('a', { href: '#/rules', class: 'back-link' }, t('rules.back'))),
      rule ? h('p', { class: 'title-row' }, ruleStatusBadge(rule.status), ' ', outcomeBadge(rule.outcome),
        h('span', { class: 'muted', id: 'rule-version' }, ` ${t('rules.versionOf', { version: rule.version })}`),
        rule.managed_by !== 'api' ? h('span', { class: 'muted' }, ` · ${t('rules.managedByKubernetes')}`) : null) : null,
      h('div', { class: 'detail-layout' },
        h('div', { class: 'detail-main' },
          card(t('rules.editor'), 'rule-editor', form),
          trialCard(expression)),
        h('aside', { class: 'detail-side' },
          rule && writable ? statusCard(rule) : null,
          rule ? versionsCard(rule, writable) : null,
          variablesCard())));
    if (expression.value) {
      checkNow();
    }
  }

  function trialCard(expression) {
    const days = h('input', { id: 'trial-days', type: 'number', min: 1, max: 365, value: 30 });
    const result = h('div', { id: 'trial-result', 'aria-live': 'polite' });
    const button = h('button', { type: 'button', class: 'btn', id: 'run-trial' }, t('rules.trialRun'));
    button.addEventListener('click', () => {
      button.disabled = true;
      result.replaceChildren(h('p', { class: 'muted' }, t('rules.trialRunning')));
      post('/api/rules/test', { expression: expression.value, days: Number(days.value) || 30 })
        .then((report) => result.replaceChildren(trialReport(report)))
        .catch((e) => result.replaceChildren(e.code === 'invalid_expression' && e.problems
          ? problemsView(expression.value, e.problems) : h('p', { class: 'form-error' }, errorText(e))))
        .finally(() => { button.disabled = false; });
    });
    return card(t('rules.trial'), 'rule-trial', h('p', { class: 'muted small' }, t('rules.trialIntro')),
      canWrite(user) ? h('div', { class: 'button-row' },
        h('label', { for: 'trial-days' }, t('rules.trialDays')), days, button) : null,
      result);
  }

  function trialReport(r) {
    const fact = (key, value, id) => h('div', {}, h('dt', {}, t(key)), h('dd', { id }, value));
    const max = Math.max(1, ...r.days.map((d) => d.hits));
    return h('div', { class: 'trial-report' },
      h('dl', { class: 'facts facts-grid', id: 'trial-facts' },
        fact('rules.trialHits', formatNumber(r.hits), 'trial-hits'),
        fact('rules.trialPrecision', r.precision == null ? '—' : formatPercent(r.precision), 'trial-precision'),
        fact('rules.trialCaught', `${formatNumber(r.frauds_caught)} / ${formatNumber(r.frauds)}`, 'trial-caught'),
        fact('rules.trialMissed', formatNumber(r.frauds_missed), 'trial-missed'),
        fact('rules.trialAlready', formatNumber(r.already_alerted), 'trial-already'),
        fact('rules.trialAdded', formatNumber(r.added_alerts), 'trial-added'),
        fact('rules.trialUnlabelled', formatNumber(r.unlabelled_hits)),
        fact('rules.trialModel', r.model_version ?? '—')),
      h('p', { class: 'muted small' }, t('rules.trialWindow', { n: formatNumber(r.transactions), from: formatTime(r.from), to: formatTime(r.to) })),
      table(t('rules.trialPerDay'), [t('rules.trialDay'), t('rules.trialTransactions'), t('rules.trialHits'), t('rules.trialFraudHits'), t('rules.trialModelAlerts')],
        r.days.map((d) => h('tr', {},
          h('td', {}, formatDate(d.day)),
          h('td', { class: 'num' }, formatNumber(d.transactions)),
          h('td', { class: 'num' }, h('span', { class: 'bar', style: { width: `${Math.round(60 * d.hits / max)}px` }, 'aria-hidden': 'true' }), ` ${d.hits}`),
          h('td', { class: 'num' }, d.fraud_hits),
          h('td', { class: 'num' }, d.model_alerts))), 'trial-days-table'));
  }

  function statusCard(rule) {
    const error = h('p', { class: 'form-error', role: 'alert' });
    return card(t('rules.statusTitle'), 'rule-status', h('p', { class: 'muted small' }, t('rules.statusIntro')),
      h('div', { class: 'button-row' }, STATUSES.map((status) => h('button', {
        type: 'button', class: ['btn', status === 'active' ? 'btn-primary' : null], 'data-status': status, disabled: rule.status === status,
        onclick: () => request('PUT', `/api/rules/${enc(rule.id)}`, { version: rule.version, status })
          .then((saved) => { toast(t('rules.saved', { id: saved.id, version: saved.version }), 'success'); load(); })
          .catch((e) => { error.textContent = errorText(e); }),
      }, t(`rule.status.${status}`)))), error);
  }

  function versionsCard(rule, writable) {
    const error = h('p', { class: 'form-error', role: 'alert' });
    return card(t('rules.versions'), 'rule-versions',
      h('ol', { class: 'timeline', id: 'versions' }, (rule.versions ?? []).map((v) => h('li', { 'data-version': v.version },
        h('p', {}, h('strong', {}, `v${v.version}`), ' · ', t(`rules.change.${v.change.replace(/_\d+$/, '')}`, { to: v.change.replace(/^\D+/, '') }),
          ' · ', ruleStatusBadge(v.status)),
        h('p', { class: 'muted small' }, `${v.changed_by} · ${formatTime(v.changed_at)}`),
        h('p', { class: 'mono small' }, v.expression),
        writable && v.version !== rule.version ? h('button', {
          type: 'button', class: 'btn btn-quiet', 'data-rollback': v.version,
          onclick: () => post(`/api/rules/${enc(rule.id)}/rollback`, { version: rule.version, to: v.version })
            .then((saved) => { toast(t('rules.saved', { id: saved.id, version: saved.version }), 'success'); load(); })
            .catch((e) => { error.textContent = errorText(e); }),
        }, t('rules.rollback', { version: v.version })) : null))), error);
  }

  function variablesCard() {
    const body = h('div', {}, h('p', { class: 'muted' }, t('queue.loading')));
    get('/api/rules/variables').then((names) => body.replaceChildren(
      h('ul', { class: 'variables' }, names.variables.map((v) => h('li', {},
        h('span', { class: 'mono' }, v.name), h('span', { class: 'muted small', 'data-variable': v.name }, ` ${v.type} · ${variableDescription(v)}`)))),
      h('p', { class: 'small' }, t('rules.listsAvailable'), ' ', names.lists.length
        ? names.lists.map((l) => l.name).join(', ') : '—'))).catch(() => body.replaceChildren());
    return card(t('rules.variables'), 'rule-variables', h('p', { class: 'muted small' }, t('rules.variablesIntro')), body);
  }
}

/** #/lists/{name}: a list's entries, adding and removing them, and its trail. */
export function renderNamedList(main, { user, listName, toast }) {
  let alive = true;
  load();
  return () => { alive = false; };

  function load() {
    get(`/api/lists/${enc(listName)}`).then((list) => {
      if (alive) {
        draw(list);
      }
    }).catch((e) => page(main, listName, h('p', { class: 'form-error', role: 'alert' }, errorText(e))));
  }

  function draw(list) {
    const writable = canWrite(user);
    const values = h('textarea', { id: 'list-values', rows: 4, class: 'mono' });
    const note = h('input', { id: 'list-note', maxlength: 1000 });
    const error = h('p', { class: 'form-error', role: 'alert' });
    page(main, t('lists.listTitle', { name: list.name }),
      h('p', {}, h('a', { href: '#/rules', class: 'back-link' }, t('rules.back'))),
      h('p', { class: 'muted' }, `${t(`lists.kind.${list.kind}`)} · ${t(`lists.purpose.${list.purpose}`)} · ${t(`lists.purposeHint.${list.purpose}`)}`),
      writable ? card(t('lists.add'), 'add-entries', h('form', { class: 'form', onsubmit: (event) => {
        event.preventDefault();
        const entries = values.value.split(/[\n,]/).map((v) => v.trim()).filter(Boolean);
        if (!entries.length) {
          return;
        }
        post(`/api/lists/${enc(list.name)}/entries`, { values: entries, note: note.value.trim() })
          .then((added) => { toast(t('lists.added', { n: added.added }), 'success'); load(); })
          .catch((e) => { error.textContent = errorText(e); });
      } },
      h('div', { class: 'field' }, h('label', { for: 'list-values' }, t('lists.values')), values, h('p', { class: 'hint' }, t('lists.valuesHint'))),
      h('div', { class: 'field' }, h('label', { for: 'list-note' }, t('lists.note')), note),
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'add-entries-button' }, t('lists.addButton')), error)) : null,
      table(t('lists.entries'), [t('lists.value'), t('lists.note'), t('lists.addedBy'), ''],
        list.values.map((entry) => h('tr', { 'data-value': entry.value },
          h('td', { class: 'mono' }, entry.value),
          h('td', {}, entry.note),
          h('td', { class: 'small' }, entry.added_by, h('br'), formatTime(entry.added_at)),
          h('td', {}, writable ? h('button', { type: 'button', class: 'btn btn-quiet', 'data-remove': entry.value,
            onclick: () => request('DELETE', `/api/lists/${enc(list.name)}/entries/${enc(entry.value)}`)
              .then(() => { toast(t('lists.removed', { value: entry.value }), 'success'); load(); })
              .catch((e) => toast(errorText(e), 'error')) }, t('lists.remove')) : null))), 'entries-table'),
      card(t('lists.trail'), 'list-trail', h('ol', { class: 'timeline', id: 'list-events' }, list.events.map((e) => h('li', {},
        h('p', {}, t(`lists.event.${e.action}`), ' · ', h('span', { class: 'muted small' }, `${e.actor} · ${formatTime(e.at)}`)),
        e.detail?.values ? h('p', { class: 'mono small' }, e.detail.values.join(', ')) : null,
        e.detail?.value ? h('p', { class: 'mono small' }, e.detail.value) : null,
        e.detail?.note ? h('p', { class: 'small' }, e.detail.note) : null)))));
  }
}
