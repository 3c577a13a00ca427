// The dashboard: alerts per hour, decisions by outcome, precision per day and the model in force.

import { get } from '../api.js';
import { barChart, shareChart } from '../charts.js';
import { drawAtWidth, h } from '../dom.js';
import { errorText, formatDay, formatNumber, formatPercent, formatScore, formatTime, statusName, t } from '../i18n.js';

const HOURS = 24;
const DAYS = 14;
const OUTCOMES = ['new', 'investigating', 'escalated', 'confirmed_fraud', 'false_positive'];
const REFRESH_MS = 60000;

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

export function render(main, { live }) {
  let alive = true;
  let pendingRefresh = null;
  const updated = h('p', { class: 'page-meta', id: 'dash-updated' });
  const body = h('div', { class: 'dash', id: 'dashboard' }, h('p', { class: 'muted' }, t('queue.loading')));
  const refresh = h('button', { type: 'button', class: 'btn', id: 'dash-refresh', onclick: () => load() }, t('dash.refresh'));
  document.title = `${t('dash.title')} · Centinela`;
  main.replaceChildren(h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', { id: 'page-title', tabindex: -1 }, t('dash.title')),
        h('p', { class: 'page-meta' }, t('dash.intro', { hours: HOURS, days: DAYS }))),
      h('div', { class: 'page-actions' }, updated, refresh)),
    body));

  async function load() {
    refresh.disabled = true;
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
    } finally {
      refresh.disabled = false;
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
            perDay.map((d) => [formatDay(d.day), formatNumber(d.confirmed), formatNumber(d.decided), formatPercent(d.precision, 1)])))));
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
