import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { deepActiveElement, restoreFocus } from '../shared/focus.ts';
import type { MessageParams } from '../shared/i18n.ts';
import type { RecommendationsMessage } from './recommendations.messages.ts';
import type { ExplanationStatement } from './recommendations-client.ts';

type Say = (key: RecommendationsMessage, params?: MessageParams) => string;
type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface ExplanationOptions {
  /** Whether there is a client to ask. */
  available(): boolean;
  /** The server's statement in the widget's locale. */
  load(): Promise<ExplanationStatement>;
  /** "Privacy settings" in the dialog. */
  privacy(): void;
}

/**
 * "How recommendations work": a modal `<dialog>` with the server's statement (the parameters of the ranking, the
 * visitor's controls, the non-profiled option), loaded on first open; focus returns where it was on close.
 */
export class ExplanationDialog {
  private readonly host: Host;
  private readonly options: ExplanationOptions;
  private state: { status: 'loading' | 'ready' | 'error'; statement?: ExplanationStatement } | undefined;
  private returnFocus: HTMLElement | null = null;

  constructor(host: Host, options: ExplanationOptions) {
    this.host = host;
    this.options = options;
  }

  open(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (!dialog || dialog.open) return;
    this.returnFocus = deepActiveElement();
    dialog.showModal();
    if (this.state?.status !== 'ready') void this.load();
  }

  private set(state: ExplanationDialog['state']): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private readonly load = async (): Promise<void> => {
    if (!this.options.available()) return;
    this.set({ status: 'loading' });
    try {
      this.set({ status: 'ready', statement: await this.options.load() });
    } catch {
      this.set({ status: 'error' });
    }
  };

  private readonly close = () => {
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
  };

  private readonly onClose = () => {
    restoreFocus(this.returnFocus);
    this.returnFocus = null;
  };

  render(uid: string, say: Say): TemplateResult {
    const state = this.state;
    const statement = state?.statement;
    return html`<dialog
      part="dialog"
      class="dialog"
      aria-labelledby="${uid}-dialog-title"
      @close=${this.onClose}
    >
      <div class="dialog-head">
        <h2 part="dialog-title" id="${uid}-dialog-title">${statement?.title ?? say('howItWorks')}</h2>
        <button part="close" class="close" type="button" aria-label=${say('close')} @click=${this.close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      ${
        state?.status === 'error'
          ? html`<p>${say('explanationError')}</p>
              <button part="retry" class="retry" type="button" @click=${this.load}>${say('retry')}</button>`
          : !statement
            ? html`<p role="status">${say('explanationLoading')}</p>`
            : renderStatement(statement, say)
      }
      <p>
        <button part="privacy" class="link" type="button" @click=${this.options.privacy}>${say('privacy')}</button>
      </p>
    </dialog>`;
  }
}

function renderStatement(statement: ExplanationStatement, say: Say): TemplateResult {
  return html`<p>${statement.intro}</p>
                <h3>${say('parameters')}</h3>
                <dl class="parameters">
                  ${(statement.parameters ?? []).map(
                    (parameter) => html`<dt>${parameter.name}</dt>
                      <dd>${parameter.description}</dd>`,
                  )}
                </dl>
                <h3>${say('controls')}</h3>
                <ul>
                  ${(statement.controls ?? []).map((control) => html`<li>${control}</li>`)}
                </ul>
                <h3>${say('nonProfiled')}</h3>
                <p>${statement.nonProfiled}</p>`;
}
