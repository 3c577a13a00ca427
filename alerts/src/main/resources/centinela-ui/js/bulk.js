// One action over the rows a list has selected: the checkbox of each row, and a bar that applies the chosen action
// through the list's bulk endpoint and says, per item, what was refused.

import { post } from './api.js';
import { h } from './dom.js';
import { errorText, t } from './i18n.js';

/**
 * `kind` names the messages (`${kind}.bulk.*`), `endpoint` the bulk operation, `idField` the body's and the results'
 * id field (`case_id` takes `case_ids`), and `actions` maps each action's name to the body it sends, given the user
 * and the text typed for it (the `note` action asks for one).
 */
export function bulkSelection({ kind, endpoint, idField, actions, user, toast, reload }) {
  const selected = new Set();
  const action = h('select', { id: 'bulk-action', 'aria-label': t(`${kind}.bulk.action`) },
    Object.keys(actions).map((name) => h('option', { value: name }, t(`${kind}.bulk.${name}`))));
  const text = h('input', { id: 'bulk-text', maxlength: 4000, hidden: true, placeholder: t('bulk.notePlaceholder'),
    'aria-label': t('bulk.notePlaceholder') });
  action.addEventListener('change', () => { text.hidden = action.value !== 'note'; });
  const count = h('span', { id: 'bulk-count' });
  const apply = h('button', { type: 'button', class: 'btn btn-primary', id: 'bulk-apply', onclick: applyToSelected }, t('bulk.apply'));
  const error = h('p', { class: 'form-error', id: 'bulk-error', role: 'alert' });
  const bar = h('div', { class: 'bulk-bar', id: 'bulk-bar', hidden: true }, count, action, text, apply, error);

  function changed() {
    bar.hidden = selected.size === 0;
    count.textContent = t('bulk.selected', { n: selected.size });
  }

  async function applyToSelected() {
    apply.disabled = true;
    error.textContent = '';
    try {
      const answer = await post(endpoint, { ...actions[action.value](user, text.value.trim()), [`${idField}s`]: [...selected] });
      const refused = answer.results.filter((r) => !r.done);
      toast(t(`${kind}.bulk.done`, { done: answer.done, n: answer.results.length }), refused.length ? 'info' : 'success');
      if (refused.length) {
        error.textContent = refused.map((r) => `${r[idField]}: ${r.error.message}`).join(' · ');
      }
      selected.clear();
      text.value = '';
      changed();
      await reload();
    } catch (e) {
      error.textContent = errorText(e);
    } finally {
      apply.disabled = false;
    }
  }

  /** The checkbox that puts the row's item in the selection. */
  function checkbox(id) {
    const box = h('input', { type: 'checkbox', class: 'bulk-select', 'aria-label': t(`${kind}.bulk.select`, { id }),
      checked: selected.has(id), onchange: () => {
        if (box.checked) {
          selected.add(id);
        } else {
          selected.delete(id);
        }
        changed();
      } });
    return h('td', { class: 'cell-select' }, box);
  }

  /** The header cell over the checkboxes. */
  function header() {
    return h('th', { scope: 'col', class: 'cell-select' }, h('span', { class: 'visually-hidden' }, t('bulk.column')));
  }

  return { bar, checkbox, header };
}
