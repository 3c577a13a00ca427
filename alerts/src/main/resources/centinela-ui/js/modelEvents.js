// The model registry's trail in words. The server gives each event as a code (action) and its figures (detail, as
// the retraining loop or a person wrote them); the phrase and the figures are written here in the current language.

import { formatDate, formatNumber, t, tOr } from './i18n.js';

/** A share between 0 and 1 (a threshold, an average precision) with three decimals. */
export function modelFigure(value) {
  return typeof value === 'number' ? formatNumber(value, 3) : '—';
}

/** What happened, in one phrase: the action and, for a verdict of the retraining loop, its reason. */
export function modelEventText(event) {
  const detail = event.detail ?? {};
  switch (event.action) {
    case 'threshold':
      return t('modelEvent.threshold', { threshold: modelFigure(detail.alert_threshold) });
    case 'rollback':
      return t('modelEvent.rollback', { from: detail.from ?? '—' });
    case 'retrain_failed':
      return t('modelEvent.retrain_failed', { error: detail.error ?? '—' });
    case 'shadow':
    case 'promote':
    case 'reject': {
      const plain = t(`modelEvent.${event.action}`);
      return detail.reason ? tOr(`modelEvent.${event.action}.${detail.reason}`, plain) : plain;
    }
    default:
      return tOr(`modelEvent.${event.action}`, event.action);
  }
}

/** The event's figures, each a short phrase; none for an event without any. */
export function modelEventFigures(event) {
  const d = event.detail ?? {};
  const figures = [];
  if (d.train_start != null) {
    figures.push(t('modelFigure.trainStart', { day: formatDate(d.train_start) }));
  }
  if (typeof d.transactions === 'number') {
    figures.push(t('modelFigure.transactions', { n: formatNumber(d.transactions) }));
  }
  if (Array.isArray(d.families) && d.families.length) {
    figures.push(t('modelFigure.families', { families: d.families.join(', ') }));
  }
  if (d.in_force != null) {
    figures.push(t('modelFigure.inForce', { version: d.in_force }));
  }
  if (typeof d.validation_average_precision === 'number') {
    figures.push(compared('modelFigure.validation', d.validation_average_precision, d.in_force_validation_average_precision));
  }
  if (typeof d.decided_alerts === 'number') {
    figures.push(typeof d.min_decided_alerts === 'number'
      ? t('modelFigure.decidedOf', { n: formatNumber(d.decided_alerts), min: formatNumber(d.min_decided_alerts) })
      : t('modelFigure.decided', { n: formatNumber(d.decided_alerts) }));
  }
  if (typeof d.shadow_average_precision === 'number') {
    figures.push(compared('modelFigure.shadow', d.shadow_average_precision, d.in_force_shadow_average_precision));
  }
  return figures;
}

// The candidate's figure, beside the model in force's when the loop measured both.
function compared(key, candidate, inForce) {
  return typeof inForce === 'number'
    ? t(`${key}Versus`, { value: modelFigure(candidate), inForce: modelFigure(inForce) })
    : t(key, { value: modelFigure(candidate) });
}

/** Who took the step: a user name, or the retraining loop in words. */
export function modelActor(actor) {
  return actor === 'retrain' ? t('modelActor.retrain') : actor;
}
