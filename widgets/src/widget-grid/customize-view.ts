import { html, type TemplateResult } from 'lit';
import type { GridVoice } from './grid-voice.ts';

/**
 * The customize panel: a button per hidden widget bringing it back (`data-id`), and reset. Written without
 * indentation whitespace between inline items, as the grid's other markup.
 */
export function renderCustomize(
  hidden: readonly string[],
  voice: GridVoice,
  onShow: (event: Event) => void,
  onReset: () => void,
): TemplateResult {
  return html`<section part="customize" class="panel" aria-labelledby="ct">
<span id="ct" class="title">${voice.say('customize')}</span>
${
  hidden.length
    ? html`<ul>${hidden.map(
        (id) =>
          html`<li><button part="show" type="button" data-id=${id} @click=${onShow}>${voice.say('show', {
            title: voice.titleOf(id),
          })}</button></li>`,
      )}</ul>`
    : html`<span>${voice.say('none')}</span>`
}
<button part="reset" class="reset" type="button" @click=${onReset}>${voice.say('resetButton')}</button>
</section>`;
}
