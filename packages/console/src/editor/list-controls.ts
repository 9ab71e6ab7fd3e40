/**
 * The controls every list editor (rules, tours and their steps, experiment variants) repeats: one implementation,
 * so each "remove" reads and behaves the same.
 */
import { html } from 'lit';
import type { ConsolePage } from '../page-base.ts';

/** "Remove {name}": the danger button that takes one item out of its list (`remove` does it, inside a change). */
export function removeButton(page: Pick<ConsolePage, 'msg'>, name: string, remove: () => void, disabled = false) {
  return html`<button type="button" class="danger" ?disabled=${disabled} @click=${remove}>
    ${page.msg('ed.remove', { name })}
  </button>`;
}
