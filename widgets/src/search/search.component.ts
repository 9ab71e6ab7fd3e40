import type { QueryFilterTerm } from '@matbakh/contract';
import { html, nothing } from 'lit';
import { ClientController } from '../shared/client-controller.ts';
import { dirOf, t } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { messages } from './search.messages.ts';
import { styles } from './search.styles.ts';
import { isSearchClient, type SearchClientLike, type SearchResultView, type SuggestionsView } from './search-client.ts';
import { SearchRequests } from './search-requests.ts';
import {
  announcement,
  groupsShown,
  nextActive,
  renderFilters,
  renderListbox,
  renderStatus,
  type Status,
  type Text,
} from './search-views.ts';

/**
 * Search with autocomplete over the tenant's dishes, restaurants and cuisines (the SDK's `searchPlugin`): the WAI-ARIA
 * combobox with a listbox popup. Typing asks the client after a short pause (`debounce`), cancelling the request
 * of an earlier keystroke; results come grouped, with the matched letters marked (built as text from the answer's
 * offsets, never as HTML). Arrow keys move the active option (`aria-activedescendant`; focus stays in the field),
 * Enter picks it, Escape closes the popup and, pressed again, clears the field. A polite live region announces the
 * number of results; loading, no results, an error and offline (answered by the device) are shown in the popup.
 *
 * Focused while empty, the popup offers suggestions from the client (`client.search.suggestions()`): the guest's
 * usual dishes, what is popular now, what is in season, and their recent searches with a button that clears them
 * (Tab reaches it; the recent searches are the client's, kept on the device only with the preferences consent).
 * Picking a recent search runs it again; picking a suggested dish is a pick like any other (`suggestion` says which
 * group it came from) and is not tracked as a search.
 *
 * The guest's diet and allergens and the personalization consent are the client's business: the element shows what
 * the client answers. A pick is tracked once through the client (`Products Searched`). Diet and allergen words of
 * the text that the answer understood as filters ("vegan", "ohne Nüsse") are shown under the field as chips in the
 * guest's own words; a chip's button takes its words out of the text and searches again without that filter.
 *
 * @event mb-search-select - The guest picked a result: `{ hit, query, position, suggestion? }`.
 *
 * @csspart base - The wrapper.
 * @csspart input - The text field (the combobox).
 * @csspart popup - The popup under the field: the listbox and the status line.
 * @csspart listbox - The list of results.
 * @csspart group - One group of results (dishes, restaurants, cuisines).
 * @csspart group-label - A group's heading.
 * @csspart option - One result; `option active` while it is the active one.
 * @csspart name - A result's name; matched letters are `<mark>` elements (part `mark`).
 * @csspart mark - The matched letters of a name.
 * @csspart meta - The restaurant of a dish, or why it ranks high for the guest.
 * @csspart status - Loading, no results, error or offline.
 * @csspart clear-recent - The button that forgets the recent searches (shown with them).
 * @csspart filters - The chips of the filters understood in the text.
 * @csspart filter - One chip: a button that removes that filter from the search.
 *
 * @cssproperty --mb-search-surface - Field and popup background (default `--mb-color-surface`).
 * @cssproperty --mb-search-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-search-muted - Group labels, meta and status (default `--mb-color-muted`).
 * @cssproperty --mb-search-border - Borders (default `--mb-color-border`).
 * @cssproperty --mb-search-radius - Corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-search-active - Outline of the active option and the focused field (default `--mb-color-focus`).
 * @cssproperty --mb-search-mark - Underline of matched letters (default `--mb-color-primary`).
 * @cssproperty --mb-search-shadow - Popup shadow (default `--mb-shadow-m`).
 * @cssproperty --mb-search-max-height - Tallest popup before it scrolls (default `24em`).
 * @cssproperty --mb-search-z-index - Popup stacking level (default 10).
 */
export class MbSearch extends MbElement {
  static override styles = [tokens, baseStyles, styles];

  static override properties = {
    client: { attribute: false },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    limit: { type: Number },
    debounce: { type: Number },
    placeholder: { type: String },
    value: { state: true },
    status: { state: true },
    result: { state: true },
    suggestions: { state: true },
    active: { state: true },
    open: { state: true },
  };

  /** The matbakh client with the search plugin. Unset: `window.matbakh.client`. */
  declare client: SearchClientLike | undefined;
  declare theme: Theme | undefined;
  declare lang: string;
  /** Results per group (default 5). */
  declare limit: number;
  /** Pause after the last keystroke before asking (ms, default 200). */
  declare debounce: number;
  /** Overrides the placeholder text of the locale. */
  declare placeholder: string | undefined;
  declare private value: string;
  declare private status: Status;
  declare private result: SearchResultView | null;
  declare private suggestions: SuggestionsView | null;
  declare private active: number;
  declare private open: boolean;

  private readonly connection = new ClientController<SearchClientLike>(this, {
    accept: isSearchClient,
    stores: () => [],
  });
  private readonly requests = new SearchRequests(this, {
    client: () => this.connection.client,
    limit: () => this.limit,
    debounce: () => this.debounce,
    value: () => this.value,
    asked: () => {
      this.status = 'loading';
      this.open = true;
    },
    answered: (result) => {
      this.result = result;
      this.status = result ? (result.total > 0 ? 'results' : 'empty') : 'error';
    },
    suggested: (view) => {
      this.suggestions = view;
      // The guest may have typed while the suggestions were on their way: the answer to the text stays.
      if (this.value.trim() === '') this.showSuggestions();
    },
  });

  constructor() {
    super();
    this.limit = 5;
    this.debounce = 200;
    this.value = '';
    this.status = 'idle';
    this.result = null;
    this.suggestions = null;
    this.active = -1;
    this.open = false;
  }

  /** Every option in display order: their positions. */
  private get options() {
    return groupsShown(this.status, this.suggestions, this.result).flatMap((group) => group.options);
  }

  private showSuggestions(): void {
    this.status = 'suggest';
    this.result = null;
    this.active = -1;
    this.open = this.shadowRoot?.activeElement != null && this.options.length > 0;
  }

  private clearRecent(): void {
    this.connection.client?.search.clearRecent?.();
    if (this.suggestions) this.suggestions = { ...this.suggestions, recent: [] };
    this.showSuggestions();
    this.shadowRoot?.querySelector('input')?.focus();
  }

  /** The chip's button: the text without that filter's words, searched again at once. */
  private readonly removeFilter = (term: QueryFilterTerm): void => {
    this.requests.cancel();
    this.value = term.without;
    this.active = -1;
    this.shadowRoot?.querySelector('input')?.focus();
    if (this.value.trim() === '') {
      this.result = null;
      this.showSuggestions();
      return;
    }
    void this.requests.ask(this.value);
  };

  private onInput(event: InputEvent): void {
    this.value = (event.target as HTMLInputElement).value;
    this.active = -1;
    if (this.value.trim() === '') {
      this.requests.cancel();
      this.showSuggestions();
      return;
    }
    this.requests.typed(this.value);
  }

  private onFocus(): void {
    void this.connection.client?.search.prefetch?.();
    if (this.value.trim() === '') void this.requests.suggest();
  }

  private onKeydown(event: KeyboardEvent): void {
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.open) {
          this.open = this.status !== 'idle' && (this.status !== 'suggest' || count > 0);
          return;
        }
        if (count === 0) return;
        this.active = nextActive(this.active, count, event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      case 'Enter':
        if (this.open && this.active >= 0) {
          event.preventDefault();
          this.pick(this.active);
        } else if (this.status === 'empty') this.finish(this.value);
        return;
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.value !== '') {
          event.preventDefault();
          this.requests.cancel();
          this.value = '';
          this.result = null;
          // The suggestions again, closed: ArrowDown opens them.
          this.status = this.suggestions ? 'suggest' : 'idle';
        }
        return;
      default:
    }
  }

  private readonly pick = (index: number): void => {
    const option = this.options[index];
    if (!option) return;
    if (option.kind === 'recent') {
      // A recent search runs again, as if typed.
      this.value = option.text;
      this.active = -1;
      this.requests.cancel();
      void this.requests.ask(option.text);
      return;
    }
    const { hit, suggestion } = option;
    const query = this.value;
    const position = index + 1;
    this.requests.select(hit, position, suggestion === undefined ? this.finish(query) : undefined, suggestion);
    this.emit('mb-search-select', { hit, query, position, ...(suggestion ? { suggestion } : {}) });
    this.value = hit.name;
    if (suggestion !== undefined) this.status = 'idle';
    this.open = false;
    this.active = -1;
  };

  /**
   * The guest finished a search (a pick, Enter, or leaving a search that found nothing): tracked once per text, so
   * zero-result searches reach the KPI report too. Returns the client's id of the search.
   */
  private finish(query: string): string | undefined {
    if (this.status !== 'results' && this.status !== 'empty') return undefined;
    return this.requests.track(query, this.result?.total ?? 0);
  }

  private onBlur(event: FocusEvent): void {
    // Tab from the field to the clear button keeps the popup: the button is part of it.
    if (event.relatedTarget instanceof HTMLElement && this.shadowRoot?.contains(event.relatedTarget)) return;
    // Leaving a search that found nothing ends it: the tenant learns what guests miss.
    if (this.status === 'empty') this.finish(this.value);
    this.open = false;
    this.active = -1;
  }

  override render() {
    const locale = widgetLocale(this, this.lang);
    const address = widgetAddress(this, locale);
    const text: Text = (key, params) => t(messages, locale, key, params, address);
    const groups = groupsShown(this.status, this.suggestions, this.result);
    const activeId = this.open && this.active >= 0 ? `option-${this.active}` : undefined;
    const announced = announcement(this.status, this.result?.total ?? 0, this.open, this.options.length, text);
    const recentShown = this.status === 'suggest' && groups.some((g) => g.label === 'recent');
    return html`<div part="base" dir=${dirOf(locale)}>
      <label class="visually-hidden" for="input">${text('label')}</label>
      <input part="input" id="input" type="text" role="combobox" autocomplete="off" spellcheck="false"
        aria-autocomplete="list" aria-controls="listbox" aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${activeId ?? nothing} placeholder=${this.placeholder ?? text('placeholder')}
        .value=${this.value} @input=${this.onInput} @keydown=${this.onKeydown}
        @focus=${this.onFocus} @blur=${this.onBlur} />
      ${renderFilters(this.value.trim() === '' ? [] : (this.result?.filters?.terms ?? []), text, this.removeFilter, this.onBlur)}
      <div part="popup" ?hidden=${!this.open}>
        ${renderListbox(groups, this.active, text, this.pick)}
        ${renderStatus(this.status, this.result, this.value, text)}
        ${
          recentShown
            ? html`<button part="clear-recent" type="button" @mousedown=${(e: Event) => e.preventDefault()}
                @click=${this.clearRecent} @blur=${this.onBlur}>${text('clearRecent')}</button>`
            : nothing
        }
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${announced}</div>
    </div>`;
  }
}
