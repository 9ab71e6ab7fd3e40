import type { RecommendationItem } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { safeUrl } from './recommendation-events.ts';

/** The image, a placeholder for a dish without one, nothing for a feature without one. */
export function renderMedia(item: RecommendationItem): TemplateResult | typeof nothing {
  const image = item.image && safeUrl(item.image.url) ? item.image : undefined;
  return image
    ? html`<div part="media" class="media">
          <img
            part="image"
            src=${safeUrl(image.url)!}
            width=${Number(image.width) || nothing}
            height=${Number(image.height) || nothing}
            alt=${String(image.alt ?? '')}
            loading="lazy"
            decoding="async"
          />
        </div>`
    : item.kind === 'feature'
      ? nothing
      : html`<div part="media placeholder" class="media placeholder" aria-hidden="true"></div>`;
}

/** The card's slots with bars in place of text (hidden from assistive technology: the list says it is loading). */
export function renderPlaceholder(kind: 'dish' | 'feature'): TemplateResult {
  const bar = (width: string) => html`<span class="bone" style="inline-size:${width}"></span>`;
  return html`<article part="base" class="card placeholder ${kind === 'feature' ? 'feature' : ''}" aria-hidden="true">
    ${kind === 'feature' ? nothing : html`<div part="media placeholder" class="media placeholder"></div>`}
    <div part="body" class="body">
      <div class="title">${bar('80%')}</div>
      <p class="subtitle">${bar('60%')}</p>
      <p class="price">${bar('30%')}</p>
      <div class="tags"><span class="bone tag-bone"></span></div>
      <p class="reason">${bar('90%')}</p>
      <div class="actions">
        <span class="bone why-bone"></span><span class="bone feedback-bone"></span><span class="bone feedback-bone"></span>
      </div>
      <p class="status"> </p>
    </div>
  </article>`;
}
