import type { SearchHit, SuggestionKind } from '@matbakh/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SearchClientLike, SearchResultView, SuggestionsView } from './search-client.ts';

export interface SearchRequestsOptions {
  client(): SearchClientLike | undefined;
  /** Results per group. */
  limit(): number;
  /** Pause after the last keystroke before asking (ms). */
  debounce(): number;
  /** The field's text now. */
  value(): string;
  /** A query was sent: the popup shows it is loading. */
  asked(): void;
  /** The answer to the latest query; `null`: it failed. */
  answered(result: SearchResultView | null): void;
  /** Suggestions arrived (for the empty field). */
  suggested(view: SuggestionsView): void;
}

/**
 * What `<mb-search>` asks its client: a query after a pause in typing (an earlier keystroke's request is
 * cancelled, so only the latest text is answered) and suggestions for the empty field. Nothing is asked or
 * answered after the element is removed.
 */
export class SearchRequests implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: AbortController | undefined;
  private pendingSuggestions: AbortController | undefined;
  /** The last search tracked, and its id: a text is tracked once, however it ends. */
  private tracked: { text: string; id: string | undefined } | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: SearchRequestsOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
    this.pendingSuggestions?.abort(new DOMException('removed', 'AbortError'));
  }

  /** Cancels the waiting or running query. */
  cancel(): void {
    clearTimeout(this.timer);
    this.pending?.abort(new DOMException('a newer query', 'AbortError'));
    this.pending = undefined;
  }

  /** Typed: suggestions on their way are dropped; `q` is asked after the pause. */
  typed(q: string): void {
    this.cancel();
    this.pendingSuggestions?.abort(new DOMException('typed', 'AbortError'));
    this.timer = setTimeout(() => void this.ask(q), this.options.debounce());
  }

  async ask(q: string): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const abort = new AbortController();
    this.pending = abort;
    this.options.asked();
    try {
      const result = await client.search.query(q, { limit: this.options.limit(), signal: abort.signal });
      if (!abort.signal.aborted) this.options.answered(result);
    } catch {
      if (!abort.signal.aborted) this.options.answered(null);
    } finally {
      if (this.pending === abort) this.pending = undefined;
    }
  }

  /** Asks for suggestions (on focus of the empty field), unless the field has text. */
  async suggest(): Promise<void> {
    const search = this.options.client()?.search;
    if (!search?.suggestions || this.options.value().trim() !== '') return;
    this.pendingSuggestions?.abort(new DOMException('a newer focus', 'AbortError'));
    const abort = new AbortController();
    this.pendingSuggestions = abort;
    try {
      const view = await search.suggestions({ limit: 4, signal: abort.signal });
      if (!abort.signal.aborted) this.options.suggested(view);
    } catch {
      // No suggestions is a quiet state: the field works as before.
    }
  }

  /** Tracks a finished search with its number of results, once per text. Returns the client's id of the search. */
  track(query: string, total: number): string | undefined {
    const text = query.trim();
    if (text === '') return undefined;
    if (this.tracked?.text === text) return this.tracked.id;
    const id = this.options.client()?.search.track?.(text, total);
    this.tracked = { text, id: typeof id === 'string' ? id : undefined };
    return this.tracked.id;
  }

  /** Tracks a pick: its position, the search it ended (`searchId`) or the suggestion group it came from. */
  select(hit: SearchHit, position: number, searchId: string | undefined, suggestion: SuggestionKind | undefined): void {
    this.options
      .client()
      ?.search.select?.(hit, { position, ...(searchId ? { searchId } : {}), ...(suggestion ? { suggestion } : {}) });
  }
}
