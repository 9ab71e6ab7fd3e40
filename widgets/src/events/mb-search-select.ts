import type { SearchHit, SuggestionKind } from '@matbakh/contract';

/** `mb-search-select`: the guest picked a search result (click, or Enter on the active option). */
export interface SearchSelectDetail {
  hit: SearchHit;
  /** The text the guest had typed ('' for a suggestion picked before typing). */
  query: string;
  /** 1-based position among all options shown. */
  position: number;
  /** Set when the pick was a suggestion offered before typing: its group. */
  suggestion?: SuggestionKind;
}

export type MbSearchSelectEvent = CustomEvent<SearchSelectDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-search-select': MbSearchSelectEvent;
  }
}
