// The dashboard: alerts per hour, decisions by outcome, precision per day, the model in force, and the model
// registry's versions with their latest events.

import { get } from '../api.js';
import { barChart, shareChart } from '../charts.js';
import { drawAtWidth, h } from '../dom.js';
import { errorText, formatDay, formatMoney, formatNumber, formatPercent, formatScore, formatTime, statusName, t, tOr } from '../i18n.js';
import { modelActor, modelEventFigures, modelEventText, modelFigure } from '../modelEvents.js';

const HOURS = 24;
const DAYS = 14;
const OUTCOMES = ['new', 'investigating', 'escalated', 'confirmed_fraud', 'false_positive'];
const REFRESH_MS = 60000;
const MODEL_EVENTS = 20;

function kpi(id, label, value, hint) {
  return h('section', { class: 'card kpi', id, 'aria-label': label },
    h('p', { class: 'stat-label' }, label),
    h('p', { class: 'kpi-value' }, value),
    hint ? h('p', { class: 'muted small' }, hint) : null);
}

function chartCard(id, title, hint, draw, table) {
  const canvas = h('div', { class: 'chart-canvas' });
  const section = h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title), h('p', { class: 'muted small' }, hint), canvas, table);
  drawAtWidth(canvas, draw);
  return section;
}

function dataTable(headers, rows) {
  return h('details', { class: 'data-details' }, h('summary', {}, t('dash.data')),
    h('table', { class: 'table table-compact' },
      h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { class: i ? 'num' : null }, c)))))));
}

function outcomes(decisions, hours) {
  const total = OUTCOMES.reduce((sum, status) => sum + (decisions[status] ?? 0), 0);
  return h('section', { class: 'card', id: 'dash-outcomes', 'aria-labelledby': 'dash-outcomes-title' },
    h('h2', { id: 'dash-outcomes-title' }, t('dash.byOutcome')),
    h('p', { class: 'muted small' }, t('dash.byOutcomeHint', { hours })),
    h('dl', { class: 'outcomes' }, OUTCOMES.map((status) => {
      const count = decisions[status] ?? 0;
      return h('div', { class: 'outcome', 'data-status': status },
        h('dt', {}, statusName(status)),
        h('dd', {},
          h('span', { class: 'outcome-track', 'aria-hidden': 'true' },
            h('span', { class: ['outcome-fill', `fill-${status}`], style: { width: `${total ? (count / total) * 100 : 0}%` } })),
          h('span', { class: 'outcome-count' }, formatNumber(count))));
    })));
}

/** The analysts' figures: cases opened and closed, time to decision, SLA, precision by source, soles kept from fraud. */
function casesCard(cases, days) {
  const opened = cases.per_day.reduce((sum, day) => sum + day.opened, 0);
  const closed = cases.per_day.reduce((sum, day) => sum + day.closed, 0);
  const saved = Number.parseFloat(cases.saved_declined_pen) + Number.parseFloat(cases.saved_confirmed_pen);
  return h('section', { class: 'card', id: 'dash-cases', 'aria-labelledby': 'dash-cases-title' },
    h('h2', { id: 'dash-cases-title' }, t('dash.cases')),
    h('p', { class: 'muted small' }, t('dash.casesHint', { days })),
    h('div', { class: 'kpis' },
      kpi('kpi-cases-opened', t('dash.casesOpened'), formatNumber(opened), t('dash.casesClosed', { n: formatNumber(closed) })),
      kpi('kpi-cases-median', t('dash.casesMedian'), cases.median_hours_to_decision == null ? '—'
        : t('dash.hours', { n: formatNumber(cases.median_hours_to_decision, 1) })),
      kpi('kpi-cases-overdue', t('dash.casesOverdue'), formatNumber(cases.overdue_now),
        t('dash.casesClosedLate', { n: formatNumber(cases.closed_late) })),
      kpi('kpi-cases-saved', t('dash.casesSaved'), formatMoney(saved), t('dash.casesSavedHint', {
        declined: formatMoney(cases.saved_declined_pen), confirmed: formatMoney(cases.saved_confirmed_pen) })),
      kpi('kpi-cases-sources', t('dash.casesBySource'), cases.by_source.length ? h('span', { class: 'kpi-list' },
        cases.by_source.map((s) => h('span', { class: 'kpi-line', 'data-source': s.source },
          `${t(`dash.source.${s.source}`)}: ${s.precision == null ? '—' : formatPercent(s.precision)}`))) : '—',
      t('dash.casesBySourceHint'))));
}

function table(id, caption, headers, rows) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table table-compact', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headers.map(([text, numeric]) => h('th', { scope: 'col', class: numeric ? 'num' : null }, text)))),
    h('tbody', {}, rows)));
}

function modelRow(model) {
  return h('tr', { 'data-version': model.version },
    h('td', { class: 'mono' }, model.version),
    h('td', {}, model.kind),
    h('td', {}, h('span', { class: ['badge', `badge-model-${model.status}`] }, tOr(`modelStatus.${model.status}`, model.status))),
    h('td', { class: 'num' }, modelFigure(model.alert_threshold)),
    h('td', { class: 'num' }, modelFigure(model.metrics?.validation_average_precision)));
}

function modelEventRow(event) {
  const figures = modelEventFigures(event);
  return h('tr', { 'data-action': event.action },
    h('td', { class: 'cell-time' }, h('time', { datetime: event.at }, formatTime(event.at))),
    h('td', { class: 'mono' }, event.version ?? '—'),
    h('td', {}, h('span', { class: 'model-event-text' }, modelEventText(event)),
      figures.length ? h('span', { class: 'sub model-event-figures' }, figures.join(' · ')) : null),
    h('td', {}, modelActor(event.actor)));
}

function modelsCard(...content) {
  return h('section', { class: 'card', id: 'dash-models', 'aria-labelledby': 'dash-models-title' },
    h('h2', { id: 'dash-models-title' }, t('dash.models')), h('p', { class: 'muted small' }, t('dash.modelsHint')), ...content);
}

function modelsPanel(models, events) {
  return modelsCard(
    models.length === 0 ? h('p', { class: 'muted' }, t('dash.noModels'))
      : table('model-versions', t('dash.modelsCaption'),
        [[t('dash.modelVersion')], [t('dash.modelKind')], [t('dash.modelStatus')], [t('dash.modelThreshold'), true], [t('dash.modelPrecision'), true]],
        models.map(modelRow)),
    h('h3', { id: 'model-events-title' }, t('dash.modelEvents')),
    events.length === 0 ? h('p', { class: 'muted' }, t('dash.noModelEvents'))
      : table('model-events', t('dash.modelEvents'), [[t('dash.eventAt')], [t('dash.modelVersion')], [t('dash.eventWhat')], [t('dash.eventWho')]],
        events.map(modelEventRow)));
}

export function render(main, { live }) {
  let alive = true;
  let pendingRefresh = null;
  const updated = h('p', { class: 'page-meta', id: 'dash-updated' });
  const body = h('div', { class: 'dash', id: 'dashboard' }, h('p', { class: 'muted' }, t('queue.loading')));
  const modelsSlot = h('div', { id: 'dash-models-slot' });
  const refresh = h('button', { type: 'button', class: 'btn', id: 'dash-refresh', onclick: () => load() }, t('dash.refresh'));
  document.title = `${t('dash.title')} · Centinela`;
  main.replaceChildren(h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', { id: 'page-title', tabindex: -1 }, t('dash.title')),
        h('p', { class: 'page-meta' }, t('dash.intro', { hours: HOURS, days: DAYS }))),
      h('div', { class: 'page-actions' }, updated, refresh)),
    body, modelsSlot));

  async function load() {
    refresh.disabled = true;
    await Promise.all([loadFigures(), loadModels()]);
    refresh.disabled = false;
  }

  async function loadFigures() {
    try {
      const data = await get('/api/dashboard', { hours: HOURS, days: DAYS });
      if (alive) {
        draw(data);
        updated.textContent = t('dash.updated', { time: formatTime(new Date(), 'hour') });
      }
    } catch (e) {
      if (alive) {
        body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('error.load', { message: errorText(e) })));
      }
    }
  }

  // Apart from the figures, so that one failing leaves the other on screen.
  async function loadModels() {
    try {
      const [registry, trail] = await Promise.all([get('/api/models'), get('/api/models/events', { limit: MODEL_EVENTS })]);
      if (alive) {
        modelsSlot.replaceChildren(modelsPanel(registry.models ?? [], trail.events ?? []));
      }
    } catch (e) {
      if (alive) {
        modelsSlot.replaceChildren(modelsCard(h('p', { class: 'form-error', role: 'alert' }, t('error.load', { message: errorText(e) }))));
      }
    }
  }

  function draw(data) {
    const hours = data.hours ?? HOURS;
    const days = data.days ?? DAYS;
    const perHour = data.alerts_per_hour ?? [];
    const decisions = data.decisions ?? {};
    const perDay = data.precision_per_day ?? [];
    const alertsTotal = perHour.reduce((sum, bucket) => sum + bucket.count, 0);
    const decided = (decisions.confirmed_fraud ?? 0) + (decisions.false_positive ?? 0);
    const open = (decisions.new ?? 0) + (decisions.investigating ?? 0) + (decisions.escalated ?? 0);
    const confirmedDays = perDay.reduce((sum, day) => sum + day.confirmed, 0);
    const decidedDays = perDay.reduce((sum, day) => sum + day.decided, 0);
    const model = data.model;

    const hourItems = perHour.map((bucket) => ({
      value: bucket.count,
      tick: formatTime(bucket.hour, 'hour'),
      title: `${formatTime(bucket.hour, 'shortDateTime')} · ${formatNumber(bucket.count)}`,
    }));
    const dayItems = perDay.map((day) => ({
      value: day.precision,
      tick: formatDay(day.day),
      title: `${formatDay(day.day)} · ${day.precision == null ? t('dash.noDecisions')
        : `${formatPercent(day.precision)} (${t('dash.precisionHint', { confirmed: day.confirmed, decided: day.decided })})`}`,
    }));

    body.replaceChildren(
      h('div', { class: 'kpis' },
        kpi('kpi-alerts', t('dash.alerts', { hours }), formatNumber(alertsTotal)),
        kpi('kpi-decided', t('dash.decided', { hours }), formatNumber(decided)),
        kpi('kpi-open', t('dash.open', { hours }), formatNumber(open)),
        kpi('kpi-precision', t('dash.precision', { days }), decidedDays ? formatPercent(confirmedDays / decidedDays, 1) : '—',
          t('dash.precisionHint', { confirmed: confirmedDays, decided: decidedDays })),
        kpi('kpi-model', t('dash.model'), model ? h('span', { class: 'mono' }, model.version) : t('dash.noModel'),
          model ? t('dash.threshold', { threshold: formatScore(model.threshold) }) : null)),
      h('div', { class: 'dash-grid' },
        chartCard('dash-per-hour', t('dash.perHour'), t('dash.perHourHint', { hours }),
          (width) => barChart(width, { items: hourItems, label: `${t('dash.perHour')}: ${formatNumber(alertsTotal)}`, format: (v) => formatNumber(v),
            tickEvery: Math.max(1, Math.ceil(hourItems.length / Math.max(1, Math.floor((width - 80) / 44)))) }),
          dataTable([t('dash.hour'), t('dash.count')], perHour.map((b) => [formatTime(b.hour, 'shortDateTime'), formatNumber(b.count)]))),
        outcomes(decisions, hours),
        chartCard('dash-precision', t('dash.precisionPerDay'), t('dash.precisionPerDayHint'),
          (width) => shareChart(width, { items: dayItems, label: t('dash.precisionPerDay'), format: (v) => formatPercent(v) }),
          dataTable([t('dash.day'), t('dash.confirmed'), t('dash.decidedCol'), t('dash.precisionCol')],
            perDay.map((d) => [formatDay(d.day), formatNumber(d.confirmed), formatNumber(d.decided), formatPercent(d.precision, 1)])))),
      ...(data.cases ? [casesCard(data.cases, days)] : []));
  }

  const unsubscribe = live.subscribe(() => {
    clearTimeout(pendingRefresh);
    pendingRefresh = setTimeout(load, 2000);
  });
  const timer = setInterval(load, REFRESH_MS);
  load();
  return () => {
    alive = false;
    unsubscribe();
    clearInterval(timer);
    clearTimeout(pendingRefresh);
  };
}
