/**
 * The tours editor: one disclosure per tour (id, audience) with its steps in order, each anchored by a CSS selector
 * of the partner's page and titled per locale; steps move up and down, tours and steps are added and removed.
 */
import type { Tour, TourStep } from '@matbakh/contract';
import { html, nothing } from 'lit';
import type { EditorPage } from '../editor/editor-page.ts';
import { withText } from '../editor/editor-page.ts';
import { removeButton } from '../editor/list-controls.ts';
import { audienceFields } from './audience.ts';

const emptyText = () => ({}) as TourStep['title'];

function newStep(steps: readonly TourStep[]): TourStep {
  let n = steps.length + 1;
  while (steps.some((step) => step.id === `step-${n}`)) n++;
  return { id: `step-${n}`, anchor: 'mb-dashboard', title: emptyText(), body: emptyText() };
}

function newTour(tours: readonly Tour[]): Tour {
  let n = tours.length + 1;
  while (tours.some((tour) => tour.id === `tour-${n}`)) n++;
  return { id: `tour-${n}`, segment: { role: 'guest' }, steps: [newStep([])] };
}

/** Moves `list[i]` by `by` places (−1 up, +1 down), within bounds. */
function move<T>(list: T[], i: number, by: number) {
  const j = i + by;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j]!, list[i]!];
}

// Long because: one form template over a tour's steps; each field is a few bound lines.
export function renderTours(page: EditorPage, tours: Tour[], onChange: () => void) {
  const change = (mutate: () => void) => {
    mutate();
    onChange();
  };
  const step = (tour: Tour, s: TourStep, i: number, at: string) => html`<fieldset>
    <legend>${page.msg('tours.step', { n: i + 1, id: s.id })}</legend>
    <div class="two">
      ${page.boundField(s, 'id', change, { path: `${at}.id`, label: page.msg('ed.id'), ltr: true })}
      ${page.boundField(s, 'anchor', change, {
        path: `${at}.anchor`,
        label: page.msg('tours.anchor'),
        hint: page.msg('tours.anchorHint'),
        ltr: true,
      })}
    </div>
    ${page.localizedFields(`${at}.title`, 'tours.title', s.title, (l, t) =>
      change(() => {
        s.title = withText(s.title, l, t);
      }),
    )}
    ${page.localizedFields(`${at}.body`, 'tours.body', s.body, (l, t) =>
      change(() => {
        s.body = withText(s.body, l, t);
      }),
    )}
    <div class="actions">
      <button type="button" class="secondary" aria-label=${page.msg('ed.up', { name: s.id })} ?disabled=${i === 0} @click=${() => change(() => move(tour.steps, i, -1))}>
        ${page.msg('ed.upShort')}
      </button>
      <button type="button" class="secondary" aria-label=${page.msg('ed.down', { name: s.id })} ?disabled=${i === tour.steps.length - 1} @click=${() => change(() => move(tour.steps, i, 1))}>
        ${page.msg('ed.downShort')}
      </button>
      ${removeButton(page, s.id, () => change(() => tour.steps.splice(i, 1)))}
    </div>
  </fieldset>`;
  return html`${tours.length === 0 ? html`<p>${page.msg('tours.none')}</p>` : nothing}
    ${tours.map((tour, t) => {
      const at = `tours[${t}]`;
      return html`<details class="item">
        <summary>${page.msg('tours.summary', { id: tour.id, count: tour.steps.length })}</summary>
        ${page.boundField(tour, 'id', change, {
          path: `${at}.id`,
          label: page.msg('ed.id'),
          hint: page.msg('tours.idHint'),
          ltr: true,
        })}
        ${audienceFields(page, `${at}.segment`, tour.segment, (segment) =>
          change(() => {
            if (segment) tour.segment = segment;
            else delete tour.segment;
          }),
        )}
        ${tour.steps.map((s, i) => step(tour, s, i, `${at}.steps[${i}]`))}
        <div class="actions">
          <button type="button" class="secondary" @click=${() =>
            change(() => {
              tour.steps.push(newStep(tour.steps));
            })}>
            ${page.msg('tours.addStep')}
          </button>
          ${removeButton(page, tour.id, () => change(() => tours.splice(t, 1)))}
        </div>
      </details>`;
    })}
    <div class="actions">
      <button type="button" class="secondary" @click=${() =>
        change(() => {
          tours.push(newTour(tours));
        })}>${page.msg('tours.add')}</button>
    </div>`;
}
