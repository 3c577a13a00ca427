// The team's SLA bands in the case inbox: for supervisors, the severity each band starts at and the hours its cases
// are due in, saved for every replica at once.

import { get, request } from '../api.js';
import { h } from '../dom.js';
import { errorText, t } from '../i18n.js';

const BANDS = ['critical', 'high', 'medium', 'low'];

/** The editor (kept {@code open} across a reload), refused fields shown as the API names them. */
export function slaEditor({ bands, toast, reload, open }) {
  const error = h('p', { class: 'form-error', role: 'alert', id: 'sla-error' });
  const inputs = Object.fromEntries(BANDS.map((band) => [band, {
    min: h('input', { id: `sla-${band}-min`, type: 'number', min: 0, max: 1, step: '0.01', class: 'narrow',
      value: bands[band]?.min_severity ?? '', disabled: band === 'low' || null,
      'aria-label': t('sla.minFor', { band: t(`band.${band}`) }) }),
    hours: h('input', { id: `sla-${band}-hours`, type: 'number', min: 0.25, max: 8760, step: '0.25', class: 'narrow',
      value: bands[band]?.sla_hours ?? '', 'aria-label': t('sla.hoursFor', { band: t(`band.${band}`) }) }),
  }]));

  async function save(event) {
    event.preventDefault();
    error.textContent = '';
    const body = Object.fromEntries(BANDS.map((band) => [band, {
      min_severity: band === 'low' ? 0 : Number(inputs[band].min.value),
      sla_hours: Number(inputs[band].hours.value),
    }]));
    try {
      await request('PUT', '/api/cases/sla', body);
      toast(t('sla.saved'), 'success');
      reload();
    } catch (e) {
      error.textContent = errorText(e);
    }
  }

  const changed = bands.critical ? t('sla.changed', { user: bands.critical.updated_by }) : '';
  return h('details', { class: 'card queue-editor', id: 'sla-editor', open: open || null },
    h('summary', {}, t('sla.manage')),
    h('p', { class: 'muted small' }, t('sla.explain'), ' ', changed),
    h('form', { class: 'form', onsubmit: save },
      h('table', { class: 'table', id: 'sla-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('sla.band')), h('th', { scope: 'col' }, t('sla.from')),
          h('th', { scope: 'col' }, t('sla.hours')))),
        h('tbody', {}, BANDS.map((band) => h('tr', {},
          h('th', { scope: 'row' }, t(`band.${band}`)), h('td', {}, inputs[band].min), h('td', {}, inputs[band].hours))))),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'sla-save' }, t('sla.save'))),
      error));
}

export const loadSla = () => get('/api/cases/sla');
