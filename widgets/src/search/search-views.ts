// The popup's parts that read the element's state but keep none: an option, the filter chips, the status line
// and the sentence announced to screen readers.
import type { QueryFilterTerm, SearchHit } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { SearchMessage } from './search.messages.ts';
import {
  type OptionGroup,
  resultGroups,
  type SearchOption,
  type SearchResultView,
  type SuggestionsView,
  segments,
  suggestionGroups,
} from './search-client.ts';

/** `suggest`: the field is empty and the popup offers suggestions (no request for them is made while typing). */
export type Status = 'idle' | 'suggest' | 'loading' | 'results' | 'empty' | 'error';
export type Text = (key: SearchMessage, params?: Record<string, string | number>) => string;

const keepFocus = (e: Event) => e.preventDefault();

/** One option: the name with the matched letters marked (as text, never HTML) and a note (favourite, ordered, place). */
function renderOption(
  option: SearchOption,
  index: number,
  active: boolean,
  text: Text,
  pick: (index: number) => void,
): TemplateResult {
  const hit: SearchHit | undefined = option.kind === 'hit' ? option.hit : undefined;
  const meta = hit?.personal
    ? text(hit.personal === 'favourite' ? 'favourite' : 'ordered')
    : (hit?.restaurantName ?? '');
  const name = hit
    ? segments(hit.name, hit.highlights).map((s) => (s.marked ? html`<mark part="mark">${s.text}</mark>` : s.text))
    : (option as { text: string }).text;
  return html`<div role="option" id=${`option-${index}`} part=${active ? 'option active' : 'option'} aria-selected=${active ? 'true' : 'false'}
      @mousedown=${keepFocus} @click=${() => pick(index)}><span part="name">${name}</span>${meta ? html`<span part="meta">${meta}</span>` : nothing}</div>`;
}

/** The listbox: the groups with their headings and options, numbered in display order. */
export function renderListbox(
  groups: readonly OptionGroup[],
  active: number,
  text: Text,
  pick: (index: number) => void,
): TemplateResult {
  let index = 0;
  return html`<div part="listbox" id="listbox" role="listbox" aria-label=${text('label')}>${groups.map(
    (group) =>
      html`<div part="group" role="group" aria-labelledby=${`group-${group.label}`}><div part="group-label" id=${`group-${group.label}`} role="presentation">${text(group.label)}</div>${group.options.map(
        (option) => renderOption(option, index, index++ === active, text, pick),
      )}</div>`,
  )}</div>`;
}

/** The filters the answer read from the text (e.g. "vegan"), each a chip whose button searches without it. */
export function renderFilters(
  terms: readonly QueryFilterTerm[],
  text: Text,
  remove: (term: QueryFilterTerm) => void,
  blur: (event: FocusEvent) => void,
): TemplateResult | typeof nothing {
  if (terms.length === 0) return nothing;
  return html`<div part="filters" role="group" aria-label=${text('filters')}>${terms.map(
    (term) => html`<button part="filter" type="button" aria-label=${text('removeFilter', { words: term.words })}
        @click=${() => remove(term)} @blur=${blur}>${term.words}<span aria-hidden="true">×</span></button>`,
  )}</div>`;
}

/** Loading (before a first answer), nothing found, an error, or offline answers from the device; else nothing. */
export function renderStatus(
  status: Status,
  result: SearchResultView | null,
  value: string,
  text: Text,
): TemplateResult | typeof nothing {
  const offline = result?.source === 'device' && globalThis.navigator?.onLine === false;
  const line =
    status === 'loading' && !result
      ? text('loading')
      : status === 'empty'
        ? text('empty', { q: value.trim() })
        : status === 'error'
          ? text('error')
          : offline
            ? text('offline')
            : '';
  return line ? html`<div part="status">${line}</div>` : nothing;
}

/** What the live region says: the number of results, or of suggestions while they are open. */
export function announcement(status: Status, total: number, open: boolean, suggestions: number, text: Text): string {
  if (status === 'results' || status === 'empty') return text('count', { n: total });
  return status === 'suggest' && open ? text('suggested', { n: suggestions }) : '';
}

/** The groups the popup shows: suggestions while the field is empty, else the answer to the text. */
export function groupsShown(
  status: Status,
  suggestions: SuggestionsView | null,
  result: SearchResultView | null,
): OptionGroup[] {
  if (status === 'suggest') return suggestionGroups(suggestions);
  return status === 'results' || status === 'loading' ? resultGroups(result) : [];
}

/** The active option after an arrow key (`step` ±1), wrapping around; from none, the first or the last. */
export function nextActive(active: number, count: number, step: 1 | -1): number {
  return active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count;
}
