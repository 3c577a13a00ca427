// The shell: session, header, hash routes, the one live stream of new alerts and the toasts.

import { currentUser, follow, logOut, onSessionExpired } from './api.js';
import { h } from './dom.js';
import { htmlLang, language, onLanguageChange, roleName, setLanguage, t } from './i18n.js';
import * as casesView from './views/cases.js';
import * as dashboardView from './views/dashboard.js';
import * as detailView from './views/detail.js';
import * as loginView from './views/login.js';
import * as queueView from './views/queue.js';
import * as rulesView from './views/rules.js';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
const toasts = document.getElementById('toasts');

const live = {
  state: 'connecting',
  unseen: 0,
  listeners: new Set(),
  stop: null,
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  },
};

let cleanup = null;
let loginNotice = null;
let view = 'queue';
let returnTo = null;

function parseHash() {
  const [path, query] = (location.hash.replace(/^#/, '') || '/alerts').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query ?? '') };
}

export function navigate(hash) {
  if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

export function toast(message, kind = 'info') {
  const item = h('div', { class: ['toast', `toast-${kind}`] }, message);
  toasts.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 9000 : 5000);
}

function route() {
  cleanup?.();
  cleanup = null;
  const { parts, query } = parseHash();
  const user = currentUser();
  document.documentElement.lang = htmlLang();
  document.getElementById('skip-link').textContent = t('skip');
  if (!user) {
    if (parts[0] && parts[0] !== 'login') {
      returnTo = location.hash;
    }
    stopLive();
    topbar.hidden = true;
    document.title = `${t('login.title')} · Centinela`;
    cleanup = loginView.render(main, { notice: loginNotice, onLoggedIn: () => {
      const target = returnTo ?? '#/alerts';
      returnTo = null;
      navigate(target);
    }, header: languageSwitch() });
    loginNotice = null;
    return;
  }
  startLive();
  const context = { query, live, toast, navigate, user };
  view = parts[0] === 'dashboard' ? 'dashboard'
    : parts[0] === 'cases' ? (parts[1] ? 'case' : 'cases')
    : parts[0] === 'rules' ? (parts[1] ? 'rule' : 'rules')
      : parts[0] === 'lists' && parts[1] ? 'list'
        : parts[0] === 'alerts' && parts[1] ? 'detail' : 'queue';
  if (view === 'cases') {
    cleanup = casesView.renderList(main, context);
  } else if (view === 'case') {
    cleanup = casesView.renderCase(main, { ...context, caseId: parts[1] });
  } else if (view === 'rules') {
    cleanup = rulesView.renderList(main, context);
  } else if (view === 'rule') {
    cleanup = rulesView.renderRule(main, { ...context, ruleId: parts[1] });
  } else if (view === 'list') {
    cleanup = rulesView.renderNamedList(main, { ...context, listName: parts[1] });
  } else if (view === 'detail') {
    cleanup = detailView.render(main, { ...context, alertId: parts[1] });
  } else if (view === 'dashboard') {
    cleanup = dashboardView.render(main, context);
  } else {
    live.unseen = 0;
    cleanup = queueView.render(main, context);
  }
  renderTopbar();
}

function languageSwitch() {
  return h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    ['es', 'en'].map((code) => h('button', {
      type: 'button', lang: code, 'aria-pressed': String(language() === code), title: t(`lang.${code}`), 'data-lang': code,
      onclick: () => setLanguage(code),
    }, code.toUpperCase())));
}

function renderTopbar() {
  const user = currentUser();
  const section = view === 'dashboard' ? 'dashboard' : ['rules', 'rule', 'list'].includes(view) ? 'rules'
    : ['cases', 'case'].includes(view) ? 'cases' : 'alerts';
  topbar.hidden = false;
  const link = (name, href, extra) => h('a', { href, 'aria-current': section === name ? 'page' : null, class: 'nav-link' }, t(`nav.${name}`), extra);
  const unseen = live.unseen > 0 && view !== 'queue' ? h('span', { class: 'nav-badge' }, t('nav.unseen', { n: live.unseen })) : null;
  topbar.replaceChildren(
    h('div', { class: 'brand' },
      h('img', { src: '/ui/img/centinela.svg', alt: '', width: 28, height: 28 }),
      h('span', { class: 'brand-name' }, 'Centinela'),
      h('span', { class: 'brand-tagline' }, t('app.tagline'))),
    h('nav', { 'aria-label': t('nav.main'), class: 'nav' }, link('cases', '#/cases'), link('alerts', '#/alerts', unseen), link('dashboard', '#/dashboard'),
      link('rules', '#/rules')),
    h('div', { class: 'topbar-end' },
      h('span', { class: ['live', `live-${live.state}`], id: 'live-state', title: t('live.title') },
        h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t(`live.${live.state}`)),
      languageSwitch(),
      h('span', { class: 'user', title: t('user.signedInAs', { user: user.username }) },
        h('span', { class: 'user-name', id: 'user-name' }, user.username),
        user.role ? h('span', { class: 'user-role' }, roleName(user.role)) : null),
      h('button', { type: 'button', class: 'btn btn-quiet', id: 'sign-out', onclick: signOut }, t('user.signOut'))));
}

function startLive() {
  if (live.stop) {
    return;
  }
  live.stop = follow('/api/alerts/stream', (type, alert) => {
    if (type !== 'alert') {
      return;
    }
    live.listeners.forEach((listener) => listener(alert));
    if (view !== 'queue') {
      live.unseen += 1;
      renderTopbar();
    }
  }, (state) => {
    const reconnected = live.state === 'reconnecting' && state === 'live';
    live.state = state;
    const indicator = document.getElementById('live-state');
    if (indicator) {
      indicator.className = `live live-${state}`;
      indicator.lastChild.textContent = t(`live.${state}`);
    }
    if (reconnected) {
      live.listeners.forEach((listener) => listener(null));
    }
  });
}

function stopLive() {
  live.stop?.();
  live.stop = null;
  live.state = 'connecting';
  live.unseen = 0;
}

async function signOut() {
  stopLive();
  returnTo = null;
  await logOut().catch(() => {});
  loginNotice = t('login.signedOut');
  navigate('#/login');
}

onSessionExpired(() => {
  stopLive();
  loginNotice = t('login.expired');
  navigate('#/login');
});
onLanguageChange(route);
window.addEventListener('hashchange', route);
route();
