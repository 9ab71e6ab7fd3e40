import type { ConsentLedgerEntry, EraseResponse, PrivacyExport } from '@matbakh/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PrivacyExportDetail } from '../events/mb-privacy-export.ts';
import type { ConsentClient } from '../shared/consent-client.ts';
import { historyOf, newestFirst } from './plain-language.ts';

export type DataState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; export: PrivacyExport; history: ConsentLedgerEntry[] };
export type EraseState = 'idle' | 'confirm' | 'working' | 'done' | 'error';
export type ExportState = 'idle' | 'working' | 'done' | 'error';

/** `matbakh-export-YYYY-MM-DD.json`, with the visitor's local date. */
export function exportFilename(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `matbakh-export-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

export interface PrivacyDataOptions {
  client(): ConsentClient | undefined;
  /** The visitor's data was handed to the browser as a download. */
  exported(detail: PrivacyExportDetail): void;
  /** The visitor confirmed erasure and the server erased. */
  erased(result: EraseResponse): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * The data rights of the privacy center: "What we know about you" (the export and the consent history), the
 * download, and erasure behind its confirmation (focus moves into the confirmation when it opens and back to
 * Erase, or to the result, when it closes). Every change re-renders the host.
 */
export class PrivacyData implements ReactiveController {
  data: DataState = { status: 'idle' };
  erase: EraseState = 'idle';
  eraseResult: EraseResponse | undefined;
  exportState: ExportState = 'idle';
  exportedAs = '';
  private readonly host: Host;
  private readonly options: PrivacyDataOptions;
  private loadToken = 0;
  private confirmShown = false;
  /** Focus target after the erase confirmation closes. */
  private afterConfirm: 'erase' | 'result' = 'erase';

  constructor(host: Host, options: PrivacyDataOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Loads "What we know about you" again (export and consent history). */
  async reload(): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const token = ++this.loadToken;
    this.set({ data: { status: 'loading' } });
    const [exported, ledger] = await Promise.allSettled([client.privacy.export(), client.privacy.ledger()]);
    if (token !== this.loadToken) return;
    if (exported.status === 'rejected') {
      this.set({ data: { status: 'error' } });
      return;
    }
    const history = ledger.status === 'fulfilled' ? historyOf(ledger.value) : newestFirst(exported.value.consent);
    this.set({ data: { status: 'ready', export: exported.value, history } });
  }

  /** Hands the visitor's data to the browser as a JSON download. */
  async download(): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    this.set({ exportState: 'working' });
    try {
      const data = await client.privacy.export();
      const filename = exportFilename();
      saveFile(this.host.renderRoot, filename, JSON.stringify(data, null, 2));
      this.set({ exportState: 'done', exportedAs: filename });
      if (this.data.status === 'ready') this.set({ data: { ...this.data, export: data } });
      this.options.exported({ filename, events: Array.isArray(data.events) ? data.events.length : 0 });
    } catch {
      this.set({ exportState: 'error' });
    }
  }

  readonly requestErase = () => {
    this.afterConfirm = 'erase';
    this.set({ erase: 'confirm' });
  };

  readonly cancelErase = () => {
    this.afterConfirm = 'erase';
    this.set({ erase: this.eraseResult ? 'done' : 'idle' });
  };

  readonly confirmErase = async () => {
    const client = this.options.client();
    if (!client) return;
    this.afterConfirm = 'result';
    this.set({ erase: 'working', exportState: 'idle' });
    try {
      const result = await client.privacy.erase();
      this.set({ eraseResult: result, erase: 'done' });
      this.options.erased(result);
      void this.reload();
    } catch {
      this.set({ erase: 'error' });
    }
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="result"]')?.focus();
  };

  hostUpdated(): void {
    const confirming = this.erase === 'confirm';
    if (confirming && !this.confirmShown) {
      this.confirmShown = true;
      this.host.renderRoot.querySelector<HTMLElement>('[part~="confirm-cancel"]')?.focus();
    } else if (!confirming && this.confirmShown) {
      this.confirmShown = false;
      const target = this.afterConfirm === 'result' ? '[part~="result"]' : '[part~="erase"]';
      this.host.renderRoot.querySelector<HTMLElement>(target)?.focus();
    }
  }

  /** Like Lit's reactive properties: a changed value re-renders the host. */
  private set(
    patch: Partial<Pick<PrivacyData, 'data' | 'erase' | 'eraseResult' | 'exportState' | 'exportedAs'>>,
  ): void {
    let changed = false;
    for (const [key, value] of Object.entries(patch) as [keyof typeof patch, never][]) {
      if (this[key] === value) continue;
      this[key] = value;
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }
}

/** A download of `content` as `filename`, through a hidden link in `root`. */
function saveFile(root: HTMLElement | DocumentFragment, filename: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
