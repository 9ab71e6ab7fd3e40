/**
 * Registers `<mb-search>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `search.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbSearch } from './search.component.ts';

export type { SearchSelectDetail } from '../events/mb-search-select.ts';
export type { SearchClientLike, SearchResultView } from './search-client.ts';
export { MbSearch };

export const SEARCH_TAG = 'mb-search';
defineElement(SEARCH_TAG, MbSearch, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-search': MbSearch;
  }
}
