/**
 * The tour preview: the steps of one tour as a visitor reads them, in a chosen locale (the same fallback between
 * locales as `<mb-tour>`, widgets/src/shared/texts.ts), each with the element it points at on the partner's page.
 *
 * Why not the real `<mb-tour>`: it finds each step's anchor with `document.querySelector` on the top-level
 * document, so it cannot run over a sample page inside the console's shadow DOM, nor inside an iframe without
 * loading the widgets bundle there. Its client (tour, progress, feature flag) would be easy to fake; the anchors
 * are not. Nothing here records anything.
 */
import { LOCALES, type Locale, type Tour } from '@matbakh/contract';
import { localized } from '@matbakh/widgets/shared/texts.ts';
import { html, nothing } from 'lit';
import type { EditorPage } from '../editor/editor-page.ts';

export interface TourPreviewState {
  tour: number;
  locale: Locale;
  onTour: (index: number) => void;
  onLocale: (locale: Locale) => void;
}

const LOCALE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English', ar: 'العربية' };

export function renderTourPreview(page: EditorPage, tours: readonly Tour[], state: TourPreviewState) {
  const tour = tours[state.tour];
  return html`<h3>${page.msg('tours.preview')}</h3>
    <p class="hint">${page.msg('tours.previewHint')}</p>
    <div class="two">
      ${
        tours.length > 1
          ? page.select(
              'preview.tour',
              page.msg('tours.previewTour'),
              String(state.tour),
              tours.map((t, i) => ({ value: String(i), label: t.id })),
              (value) => state.onTour(Number(value)),
            )
          : nothing
      }
      ${page.select(
        'preview.locale',
        page.msg('tours.previewLocale'),
        state.locale,
        LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] })),
        state.onLocale,
      )}
    </div>
    ${
      tour
        ? html`<ol class="tour-preview" lang=${state.locale} dir=${state.locale === 'ar' ? 'rtl' : 'ltr'}>
          ${tour.steps.map(
            (step) => html`<li>
              <h4>${localized(step.title, state.locale)}</h4>
              <p>${localized(step.body, state.locale)}</p>
              <p class="hint" lang=${page.locale} dir=${page.locale === 'ar' ? 'rtl' : 'ltr'}>
                ${page.msg('tours.pointsAt', { selector: step.anchor })}
              </p>
            </li>`,
          )}
        </ol>`
        : html`<p>${page.msg('tours.none')}</p>`
    }`;
}
