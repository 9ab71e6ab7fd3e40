import type { SearchHit } from '@matbakh/contract';

/** `mb-search-select`: the guest picked a search result (click, or Enter on the active option). */
export interface SearchSelectDetail {
  hit: SearchHit;
  /** The text the guest had typed. */
  query: string;
  /** 1-based position among all options shown. */
  position: number;
}

export type MbSearchSelectEvent = CustomEvent<SearchSelectDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-search-select': MbSearchSelectEvent;
  }
}
