import { html, nothing, type TemplateResult } from 'lit';
import type { Say } from './plain-language.ts';

/**
 * The center's title (with a close button in the dialog), its introduction and the tenant's privacy policy link
 * (`policyUrl` already passed through `safeUrl`: a `javascript:` link from the config never becomes live).
 */
export function renderHeader(
  dialog: boolean,
  policyUrl: string | undefined,
  say: Say,
  close: () => void,
): TemplateResult {
  return html`<div part="header" class="header">
        <h2 id="title" part="title" tabindex="-1">${say('center.title')}</h2>
        ${
          dialog
            ? html`<button part="close" class="close" type="button" aria-label=${say('center.close')} @click=${close}>
                <span aria-hidden="true">×</span>
              </button>`
            : nothing
        }
      </div>
      <p part="intro" class="muted">
        ${say('center.intro')}
        ${
          policyUrl
            ? html`<a part="link" href=${policyUrl} target="_blank" rel="noopener"
                >${say('center.policyLink')}<span class="visually-hidden"> ${say('center.newTab')}</span></a
              >`
            : nothing
        }
      </p>`;
}
