// The language of the UI (Spanish by default, remembered in localStorage) and how figures are written in it.

import { en, es } from './messages.js';

const LANG_KEY = 'centinela.lang';
const DICTIONARIES = { es, en };
export const LIMA = 'America/Lima';

let lang = DICTIONARIES[localStorage.getItem(LANG_KEY)] ? localStorage.getItem(LANG_KEY) : 'es';
const listeners = new Set();

export function language() {
  return lang;
}

export function setLanguage(next) {
  if (!DICTIONARIES[next] || next === lang) {
    return;
  }
  lang = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = htmlLang();
  listeners.forEach((listener) => listener(next));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

export function htmlLang() {
  return lang === 'es' ? 'es-PE' : 'en';
}

/** The label for key in the current language, with {name} replaced by params.name; the key itself when missing. */
export function t(key, params = {}) {
  const text = DICTIONARIES[lang][key] ?? DICTIONARIES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (params[name] ?? match));
}

/** A label when the key exists, else the fallback (server codes the UI does not know yet). */
export function tOr(key, fallback) {
  return DICTIONARIES[lang][key] ?? fallback;
}

export const statusName = (code) => tOr(`status.${code}`, code);
export const channelName = (code) => tOr(`channel.${code}`, code);
export const roleName = (code) => tOr(`role.${code}`, code ?? '');

const money = new Map();

/** An amount the way Peruvian statements print it, in either language: S/ 1,234.50. */
export function formatMoney(amount, currency = 'PEN') {
  const value = typeof amount === 'number' ? amount : Number.parseFloat(amount);
  if (!Number.isFinite(value)) {
    return '—';
  }
  const code = currency || 'PEN';
  if (!money.has(code)) {
    try {
      money.set(code, new Intl.NumberFormat('es-PE', { style: 'currency', currency: code }));
    } catch {
      money.set(code, { format: (v) => `${code} ${v.toFixed(2)}` });
    }
  }
  return money.get(code).format(value);
}

function dateLocale() {
  return lang === 'es' ? 'es-PE' : 'en-GB';
}

const OPTIONS = {
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  shortDateTime: { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  dayMonth: { day: '2-digit', month: 'short' },
  hour: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** An instant in Lima time, in one of the styles above. */
export function formatTime(iso, style = 'dateTime') {
  if (!iso) {
    return '—';
  }
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat(dateLocale(), { ...OPTIONS[style], timeZone: LIMA }).format(date);
}

/** A calendar day written yyyy-mm-dd, as a short day and month. */
export function formatDay(day) {
  return new Intl.DateTimeFormat(dateLocale(), { ...OPTIONS.dayMonth, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A calendar day (yyyy-mm-dd, or the UTC day an ISO instant starts with) written as a date. */
export function formatDate(day) {
  const ymd = /^\d{4}-\d\d-\d\d/.exec(day ?? '');
  if (!ymd) {
    return day == null ? '—' : String(day);
  }
  return new Intl.DateTimeFormat(dateLocale(), { ...OPTIONS.date, timeZone: 'UTC' }).format(new Date(`${ymd[0]}T00:00:00Z`));
}

export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(htmlLang(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatScore(score) {
  return typeof score === 'number' ? score.toFixed(3) : '—';
}

export function formatPercent(share, digits = 0) {
  if (share == null || !Number.isFinite(share)) {
    return '—';
  }
  return new Intl.NumberFormat(htmlLang(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

/** The server's error in words for the user: known refusals translated, anything else in the server's message. */
export function errorText(error) {
  if (!error) {
    return '';
  }
  if (error.code === 'network') {
    return t('error.network');
  }
  if (error.code === 'changed_meanwhile') {
    return t('error.changedMeanwhile');
  }
  const message = error.message ?? String(error);
  const supervisorOnly = /^only a supervisor may move an alert from (\w+) to (\w+)$/.exec(message);
  if (supervisorOnly) {
    return t('error.onlySupervisor', { from: statusName(supervisorOnly[1]), to: statusName(supervisorOnly[2]) });
  }
  const impossible = /^an alert cannot move from (\w+) to (\w+)$/.exec(message);
  if (impossible) {
    return t('error.cannotMove', { from: statusName(impossible[1]), to: statusName(impossible[2]) });
  }
  const holder = error.code === 'not_yours' ? /is assigned to (.+); ask/.exec(message) : null;
  if (holder) {
    return t('error.notYours', { user: holder[1] });
  }
  if (error.status === 403 && error.field === 'assignee') {
    return t('error.assignSelf');
  }
  if (error.status === 403) {
    return lang === 'es' ? t('error.forbidden') : message;
  }
  return message;
}
