/**
 * What the configuration editors (Consent, Personalization, Experiments) share: the draft and the published
 * version, saving sections of the draft, publishing, and form fields that show their problem next to themselves
 * (`aria-invalid`, `aria-describedby`) plus one summary at the top that links to the field.
 */
import { LOCALES, type Locale, type LocalizedText } from '@matbakh/contract';
import { dirOf } from '@matbakh/widgets/shared/i18n.ts';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import type { MessageKey } from '../messages.ts';
import { ConsolePage, pageStyles } from '../page-base.ts';
import type { ConfigDocument, DraftView, PublishedView, SectionName } from './config-document.ts';
import { type FieldProblem, fieldId, problemAt, translatedProblem } from './field-problem.ts';

export const NATIVE_LOCALE: Record<Locale, string> = { de: 'Deutsch', en: 'English', ar: 'العربية' };

export const editorStyles = [
  ...pageStyles,
  css`
    fieldset {
      border: var(--mb-border-width) solid var(--mb-color-border);
      border-radius: var(--mb-radius-m);
      padding: var(--mb-space-s) var(--mb-space-m);
      margin: 0 0 var(--mb-space-m);
      min-inline-size: 0;
    }
    legend {
      font-weight: var(--mb-font-weight-strong);
      padding-inline: var(--mb-space-2xs);
    }
    input,
    select,
    textarea {
      inline-size: 100%;
      font: inherit;
      color: inherit;
    }
    textarea {
      min-block-size: 6rem;
      padding: var(--mb-space-xs) var(--mb-space-s);
      border: var(--mb-border-width) solid var(--mb-color-border);
      border-radius: var(--mb-radius-s);
      background: var(--mb-color-surface);
    }
    input[type='checkbox'] {
      inline-size: auto;
      min-block-size: 0;
      block-size: 1.25rem;
      inline-size: 1.25rem;
      vertical-align: middle;
    }
    [aria-invalid='true'] {
      border-color: var(--mb-color-danger);
      border-width: 2px;
    }
    .field-error {
      color: var(--mb-color-danger);
      font-size: var(--mb-font-size-s);
      margin: var(--mb-space-2xs) 0 0;
    }
    .hint {
      color: var(--mb-color-muted);
      font-size: var(--mb-font-size-s);
      margin: var(--mb-space-2xs) 0 0;
    }
    .locales {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      gap: 0 var(--mb-space-s);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mb-space-s);
      align-items: center;
      margin: var(--mb-space-m) 0;
    }
    .check {
      display: flex;
      gap: var(--mb-space-xs);
      align-items: center;
      margin-block-end: var(--mb-space-s);
    }
    .check label {
      display: inline;
      margin: 0;
    }
    .summary a {
      color: inherit;
    }
    details.item {
      border: var(--mb-border-width) solid var(--mb-color-border);
      border-radius: var(--mb-radius-m);
      margin-block-end: var(--mb-space-s);
      padding: 0 var(--mb-space-m);
    }
    details.item > summary {
      cursor: pointer;
      padding-block: var(--mb-space-s);
      font-weight: var(--mb-font-weight-strong);
      min-block-size: 44px;
    }
    .two {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 var(--mb-space-m);
    }
  `,
];

/** The keys of `T` whose values are strings. */
type StringKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

export interface FieldOptions {
  path: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'url' | 'number' | 'textarea';
  hint?: string;
  placeholder?: string;
  lang?: Locale;
  /** Ids, URLs, selectors and JSON read left to right on an Arabic page too. */
  ltr?: boolean;
  required?: boolean;
}

export class EditorPage extends ConsolePage {
  static override styles = editorStyles;

  @state() protected draft: DraftView | undefined;
  @state() protected published: PublishedView | undefined;
  /** The first problem of what is being edited: from the validator while typing, from the server on save. */
  @state() protected fieldProblem: FieldProblem | undefined;
  @state() protected status = '';
  @state() protected error = '';
  @state() protected busy = false;
  /**
   * A save was refused by the form's own check: only then does the summary at the top list a problem found while
   * typing (as GOV.UK's error summary does). Before that it shows at its field only, so a new, still empty item
   * does not greet the person with an error at the top of the page.
   */
  @state() protected refused = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.fieldProblem) this.refused = false;
  }

  /** The form's check refused a save: show the summary, with focus on its link to the field. */
  protected refuseSave(): false {
    this.refused = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.summary a')?.focus());
    return false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the draft and the published version; pages extend it for their own data. */
  protected async load(): Promise<void> {
    try {
      const [draft, published] = await Promise.all([
        this.api.get<DraftView>('/v1/admin/config/draft'),
        this.api.get<PublishedView>('/v1/admin/config'),
      ]);
      this.published = published;
      this.draft = draft;
      this.edit(structuredClone(draft.config));
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  /** Called with a copy of the draft document to edit (on load and after a save or publish). */
  protected edit(_config: ConfigDocument): void {}

  /** Saves sections of the draft (one PUT each); a refusal naming a field is shown at that field. */
  protected async saveSections(sections: Partial<ConfigDocument>): Promise<boolean> {
    this.error = '';
    this.status = '';
    try {
      let draft: DraftView | undefined;
      for (const [section, value] of Object.entries(sections) as [SectionName, unknown][]) {
        draft = await this.api.request<DraftView>('PUT', `/v1/admin/config/draft/${section}`, value as object);
      }
      if (draft) this.draft = draft;
      this.fieldProblem = undefined;
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.field && error.status === 400) {
        this.fieldProblem = { field: error.field, message: error.message, source: 'server' };
      } else this.error = this.problem(error);
      return false;
    }
  }

  /** Publishes the whole draft; answers the new version, or undefined (the reason is shown). */
  protected async publishDraft(reask = false): Promise<PublishedView | undefined> {
    try {
      const done = await this.api.request<PublishedView>('POST', '/v1/admin/config/publish', { reask });
      this.published = { ...this.published, ...done };
      this.draft = await this.api.get<DraftView>('/v1/admin/config/draft');
      this.edit(structuredClone(this.draft.config));
      return done;
    } catch (error) {
      this.error = this.problem(error);
      return undefined;
    }
  }

  protected async discardDraft(): Promise<void> {
    this.status = '';
    this.error = '';
    try {
      await this.api.request('DELETE', '/v1/admin/config/draft');
      this.fieldProblem = undefined;
      this.draft = await this.api.get<DraftView>('/v1/admin/config/draft');
      this.edit(structuredClone(this.draft.config));
      this.status = this.msg('ed.discarded');
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  /**
   * Save, publish and (with a saved draft) discard, and what publishing covers. Without `save` the Save button
   * submits the page's form (its submit handler saves).
   */
  protected renderActions(publish: () => Promise<unknown>, save?: () => Promise<unknown>): TemplateResult {
    return html`<div class="actions">
        ${
          save
            ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.busyWith(save)}>
              ${this.msg('ed.save')}
            </button>`
            : html`<button type="submit" class="secondary" ?disabled=${this.busy}>${this.msg('ed.save')}</button>`
        }
        <button type="button" ?disabled=${this.busy} @click=${() => this.busyWith(publish)}>
          ${this.msg('ed.publish')}
        </button>
        ${
          this.draft?.saved
            ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.busyWith(() => this.discardDraft())}>
              ${this.msg('ed.discard')}
            </button>`
            : nothing
        }
      </div>
      <p class="hint">${this.msg('ed.publishAll')}</p>`;
  }

  /** Runs `action` with the buttons disabled. */
  protected async busyWith(action: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
    } finally {
      this.busy = false;
    }
  }

  /** The problem as a translated sentence (with the validator's words as the detail when none fits). */
  protected describe(problem: FieldProblem): TemplateResult {
    const known = translatedProblem(problem.message);
    if (known) return html`${this.msg(known.key, known.params)}`;
    return html`${this.msg('err.other')} <span lang="en" dir="ltr" class="mono">${problem.message}</span>`;
  }

  /**
   * The summary at the top of a form: the problem, and a link that moves focus to its field. A refusal from the
   * server is announced (alert); a problem found while typing is not (it is announced with its field instead), and
   * it shows here only after a save it refused ({@link refused}).
   */
  protected renderSummary(): TemplateResult {
    const problem = this.fieldProblem;
    const box = (p: NonNullable<typeof problem>) => html`<div class="notice error summary">
      <p>${this.msg(p.source === 'server' ? 'ed.refused' : 'ed.invalid')}</p>
      <p>
        <a href="#${fieldId(p.field)}" @click=${(event: Event) => this.focusField(event, p.field)}
          ><code>${p.field}</code></a
        >: ${this.describe(p)}
      </p>
    </div>`;
    return html`<div role="alert">
        ${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}
        ${problem?.source === 'server' ? box(problem) : nothing}
      </div>
      ${problem?.source === 'check' && this.refused ? box(problem) : nothing}`;
  }

  private focusField(event: Event, field: string) {
    event.preventDefault();
    // The field itself, else the nearest input that edits a part around it.
    let path = field;
    while (path) {
      const target = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}`);
      if (target) {
        target.closest('details')?.setAttribute('open', '');
        target.focus();
        return;
      }
      path = path.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    }
  }

  protected renderStatus(): TemplateResult {
    return html`<div role="status">${this.status ? html`<p class="notice">${this.status}</p>` : nothing}</div>`;
  }

  /** A labelled input whose problem (if any) is shown right below it and announced with it. */
  /**
   * A text field bound to a string property of `target`: its value is shown, typing writes it inside `change`
   * (which also re-renders and re-validates the draft).
   */
  boundField<T extends object, K extends StringKey<T>>(
    target: T,
    key: K,
    change: (mutate: () => void) => void,
    options: Omit<FieldOptions, 'value' | 'onInput'>,
  ): TemplateResult {
    return this.field({
      ...options,
      value: target[key] as string,
      onInput: (value) =>
        change(() => {
          (target as Record<K, string>)[key] = value;
        }),
    });
  }

  field(options: FieldOptions): TemplateResult {
    const id = fieldId(options.path);
    const problem = problemAt(this.fieldProblem, options.path);
    const describedBy = [problem ? `${id}-error` : '', options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    const dir = options.ltr ? 'ltr' : options.lang ? dirOf(options.lang) : nothing;
    const onInput = (event: Event) => options.onInput((event.target as HTMLInputElement).value);
    const common = {
      id,
      invalid: problem ? 'true' : nothing,
      describedBy: describedBy || nothing,
    };
    return html`<div class="field">
      <label for=${id}>${options.label}</label>
      ${
        options.type === 'textarea'
          ? html`<textarea
            id=${common.id}
            lang=${options.lang ?? nothing}
            dir=${dir}
            spellcheck=${options.ltr ? 'false' : nothing}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy}
            placeholder=${options.placeholder ?? nothing}
            .value=${options.value}
            @input=${onInput}
          ></textarea>`
          : html`<input
            id=${common.id}
            type=${options.type ?? 'text'}
            lang=${options.lang ?? nothing}
            dir=${dir}
            ?required=${options.required}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy}
            placeholder=${options.placeholder ?? nothing}
            .value=${options.value}
            @input=${onInput}
          />`
      }
      ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
      ${problem ? html`<p class="field-error" id="${id}-error">${this.describe(problem)}</p>` : nothing}
    </div>`;
  }

  /** One input per locale for a text (`title.de`, `title.en`, `title.ar`), each in its own language and direction. */
  localizedFields(
    path: string,
    label: MessageKey,
    value: Partial<LocalizedText> | undefined,
    onInput: (locale: Locale, text: string) => void,
    placeholders?: Partial<LocalizedText>,
  ): TemplateResult {
    return html`<div class="locales">
      ${LOCALES.map((locale) =>
        this.field({
          path: `${path}.${locale}`,
          label: this.label('ed.inLocale', { label: this.msg(label), language: NATIVE_LOCALE[locale] }),
          value: value?.[locale] ?? '',
          lang: locale,
          ...(placeholders?.[locale] ? { placeholder: placeholders[locale] } : {}),
          onInput: (text) => onInput(locale, text),
        }),
      )}
    </div>`;
  }

  select<T extends string>(
    path: string,
    label: string,
    value: T,
    options: readonly { value: T; label: string }[],
    onChange: (value: T) => void,
  ): TemplateResult {
    const id = fieldId(path);
    const problem = problemAt(this.fieldProblem, path);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        aria-invalid=${problem ? 'true' : nothing}
        aria-describedby=${problem ? `${id}-error` : nothing}
        @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value as T)}
      >
        ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
      </select>
      ${problem ? html`<p class="field-error" id="${id}-error">${this.describe(problem)}</p>` : nothing}
    </div>`;
  }
}

/** A text per locale with one locale changed; an emptied locale is left out (the validators fill it in or ask). */
export function withText(value: Partial<LocalizedText> | undefined, locale: Locale, text: string): LocalizedText {
  const out: Partial<LocalizedText> = { ...value };
  if (text === '') delete out[locale];
  else out[locale] = text;
  return out as LocalizedText;
}
