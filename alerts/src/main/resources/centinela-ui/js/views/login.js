// The sign-in page.

import { logIn } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function render(main, { notice, onLoggedIn, header }) {
  const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit' }, t('login.submit'));

  async function onSubmit(event) {
    event.preventDefault();
    error.textContent = '';
    if (!username.value.trim() || !password.value) {
      error.textContent = t('login.missing');
      return;
    }
    submit.disabled = true;
    submit.textContent = t('login.checking');
    try {
      await logIn(username.value.trim(), password.value);
      onLoggedIn();
    } catch (e) {
      error.textContent = e.status === 401 || e.status === 403 ? t('login.failed') : e.status === 429 ? t('login.tooMany') : t('login.unreachable');
      password.value = '';
      password.focus();
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  }

  main.replaceChildren(h('div', { class: 'login-page' },
    h('div', { class: 'login-lang' }, header),
    h('section', { class: 'login-card', 'aria-labelledby': 'login-title' },
      h('div', { class: 'login-brand' },
        h('img', { src: '/ui/img/centinela.svg', alt: '', width: 44, height: 44 }),
        h('div', {}, h('p', { class: 'login-name' }, 'Centinela'), h('p', { class: 'login-tagline' }, t('app.tagline')))),
      h('h1', { id: 'login-title' }, t('login.title')),
      h('p', { class: 'muted' }, t('login.intro')),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      h('form', { class: 'form', id: 'login-form', novalidate: true, onsubmit: onSubmit },
        h('div', { class: 'field' }, h('label', { for: 'username' }, t('login.username')), username),
        h('div', { class: 'field' }, h('label', { for: 'password' }, t('login.password')), password),
        error,
        submit)),
    h('p', { class: 'login-footer' }, t('login.footer'))));
  username.focus();
}
