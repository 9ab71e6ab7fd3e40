// Long because: one editor page: its sections (general, texts, categories with services, preview, opt-in figures) all
// edit one draft policy through change(); each section is a method of a few dozen lines.
import {
  CONSENT_CATEGORIES,
  type ConfigResponse,
  type ConsentCategory,
  type ConsentCategoryId,
  type ConsentPolicySettings,
  DEFAULT_CONSENT_POLICY,
  type KpiReport,
  LOCALES,
  type Locale,
  type LocalizedText,
  validateConsentPolicySettings,
} from '@matbakh/contract';
import { messages as bannerMessages } from '@matbakh/widgets/consent-banner/consent-banner.messages.ts';
import '@matbakh/widgets/consent-banner/consent-banner.ts';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { barChart } from '../bar-chart.ts';
import type { ConfigDocument } from '../editor/config-document.ts';
import { EditorPage, editorStyles, NATIVE_LOCALE, withText } from '../editor/editor-page.ts';
import { consentPreviewClient } from '../editor/preview-clients.ts';

/** Banner texts a tenant most often words itself; the rest keep the widget's built-in texts. */
const BANNER_TEXTS = ['title', 'text'] as const;

/**
 * Consent: the tenant's policy (privacy-policy link, re-ask period, categories with their services and storage keys,
 * banner texts per locale) checked as the person types with the contract's validator, a live preview of the real
 * `<mb-consent-banner>` rendered with the draft, save / publish (with what publishing means for the policy version),
 * and the opt-in rate per category over the last 28 days.
 */
@customElement('mb-console-consent')
export class ConsoleConsent extends EditorPage {
  static override styles = [
    ...editorStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(20rem, 1fr);
        gap: var(--mb-space-l);
        align-items: start;
      }
      @media (max-width: 70rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .preview {
        position: sticky;
        inset-block-start: var(--mb-space-s);
      }
      /* The bar is fixed to its viewport on a partner page; the transform makes this box its viewport here. */
      .preview-frame {
        transform: translateZ(0);
        overflow: auto;
        block-size: 40rem;
        border: var(--mb-border-width) dashed var(--mb-color-border);
        border-radius: var(--mb-radius-m);
        background: repeating-linear-gradient(
          45deg,
          transparent 0 12px,
          color-mix(in srgb, var(--mb-color-border) 25%, transparent) 12px 13px
        );
      }
      .chart svg {
        inline-size: 100%;
        block-size: 6rem;
        display: block;
        border-block-end: var(--mb-border-width) solid var(--mb-color-border);
      }
      .chart figcaption {
        font-weight: var(--mb-font-weight-strong);
      }
      .bar {
        fill: var(--mb-color-primary);
      }
      .service + .service {
        border-block-start: var(--mb-border-width) solid var(--mb-color-border);
        padding-block-start: var(--mb-space-m);
        margin-block-start: var(--mb-space-m);
      }
      .version {
        font-weight: var(--mb-font-weight-strong);
      }
    `,
  ];

  @state() private policy: ConsentPolicySettings | undefined;
  /** The last policy the validator accepted: what the preview shows while the form has a problem. */
  @state() private valid: ConsentPolicySettings | undefined;
  @state() private storageText: Partial<Record<ConsentCategoryId, string>> = {};
  @state() private previewLocale: Locale = 'de';
  @state() private nextPolicyVersion: number | undefined;
  @state() private reask = false;
  @state() private report: KpiReport | undefined;
  private readonly preview = consentPreviewClient({ ...DEFAULT_CONSENT_POLICY });

  override connectedCallback(): void {
    this.previewLocale = this.locale;
    super.connectedCallback();
  }

  protected override async load(): Promise<void> {
    await super.load();
    try {
      this.report = await this.api.get<KpiReport>('/v1/admin/kpis?interval=day');
    } catch {
      // The chart is extra: the editor works without the report (an older server, a report not computed yet).
    }
  }

  protected override edit(config: ConfigDocument): void {
    this.policy = config.consent;
    this.storageText = Object.fromEntries(config.consent.categories.map((c) => [c.id, c.storageKeys.join(', ')]));
    this.nextPolicyVersion = undefined;
    this.check();
  }

  /** Runs the server's validator on the form: the problem at its field, the preview on the last valid state. */
  private check() {
    if (!this.policy) return;
    const checked = validateConsentPolicySettings(this.policy, 'consent');
    if (checked.ok) {
      this.valid = checked.value;
      if (this.fieldProblem?.source !== 'server') this.fieldProblem = undefined;
      this.preview.show({ ...checked.value, version: this.published?.policyVersion ?? 1 });
    } else {
      this.fieldProblem = { field: checked.error.field ?? 'consent', message: checked.error.message, source: 'check' };
    }
  }

  private change(mutate: (policy: ConsentPolicySettings) => void) {
    if (!this.policy) return;
    mutate(this.policy);
    if (this.fieldProblem?.source === 'server') this.fieldProblem = undefined;
    this.nextPolicyVersion = undefined;
    this.status = '';
    this.check();
    this.requestUpdate();
  }

  private setText(locale: Locale, key: string, text: string) {
    this.change((policy) => {
      const texts = { ...policy.texts };
      const own = { ...texts[locale] };
      // An empty text falls back to the built-in one: leave the key out rather than store "".
      if (text === '') delete own[key];
      else own[key] = text;
      if (Object.keys(own).length === 0) delete texts[locale];
      else texts[locale] = own;
      if (Object.keys(texts).length === 0) delete policy.texts;
      else policy.texts = texts;
    });
  }

  private toggleCategory(id: ConsentCategoryId, on: boolean) {
    this.change((policy) => {
      if (!on) {
        policy.categories = policy.categories.filter((c) => c.id !== id);
        return;
      }
      const builtIn = DEFAULT_CONSENT_POLICY.categories.find((c) => c.id === id);
      const added: ConsentCategory = structuredClone(
        builtIn ?? { id, required: false, title: { de: id, en: id, ar: id }, description: { de: id, en: id, ar: id } },
      ) as ConsentCategory;
      added.services ??= [];
      added.storageKeys ??= [];
      // Keep the built-in order (the banner lists categories as the policy does).
      policy.categories = [...policy.categories, added].sort(
        (a, b) => CONSENT_CATEGORIES.indexOf(a.id) - CONSENT_CATEGORIES.indexOf(b.id),
      );
      this.storageText = { ...this.storageText, [id]: added.storageKeys.join(', ') };
    });
  }

  private async save(): Promise<boolean> {
    if (!this.policy) return false;
    const saved = await this.saveSections({ consent: this.policy });
    if (!saved) return false;
    // What publishing would serve now: its policy version says whether visitors are asked again.
    const preview = await this.api.get<ConfigResponse>('/v1/admin/config/preview').catch(() => undefined);
    this.nextPolicyVersion = preview?.consent.version;
    this.status = this.msg('ed.saved');
    return true;
  }

  private async publish() {
    if (!(await this.save())) return;
    const done = await this.publishDraft(this.reask);
    if (done) {
      this.reask = false;
      this.status = this.msg('ed.published', { version: done.version, policy: done.policyVersion });
    }
  }

  private versionNote() {
    const current = this.published?.policyVersion;
    if (this.nextPolicyVersion === undefined || current === undefined) {
      return html`<p class="hint" id="publish-note">${this.msg('consent.versionRule')}</p>`;
    }
    const bumps = this.reask || this.nextPolicyVersion !== current;
    return html`<p class="version" id="publish-note">
      ${
        bumps
          ? this.msg('consent.willAsk', { from: current, to: Math.max(this.nextPolicyVersion, current + 1) })
          : this.msg('consent.willKeep', { version: current })
      }
    </p>`;
  }

  private renderGeneral(policy: ConsentPolicySettings) {
    return html`<fieldset>
      <legend>${this.msg('consent.general')}</legend>
      ${this.field({
        path: 'consent.privacyPolicyUrl',
        label: this.msg('consent.privacyUrl'),
        type: 'url',
        ltr: true,
        required: true,
        value: policy.privacyPolicyUrl,
        hint: this.msg('consent.privacyUrlHint'),
        onInput: (value) =>
          this.change((p) => {
            p.privacyPolicyUrl = value.trim();
          }),
      })}
      <div class="two">
        ${this.field({
          path: 'consent.reaskAfterDays',
          label: this.msg('consent.reask'),
          type: 'number',
          value: String(policy.reaskAfterDays),
          hint: this.msg('consent.reaskHint'),
          onInput: (value) =>
            this.change((p) => {
              p.reaskAfterDays = value === '' ? Number.NaN : Number(value);
            }),
        })}
        ${this.select(
          'consent.banner.layout',
          this.msg('consent.layout'),
          policy.banner?.layout ?? 'bar',
          [
            { value: 'bar', label: this.msg('consent.layout.bar') },
            { value: 'dialog', label: this.msg('consent.layout.dialog') },
          ],
          (layout) =>
            this.change((p) => {
              p.banner = { ...p.banner, layout };
            }),
        )}
      </div>
    </fieldset>`;
  }

  private renderTexts(policy: ConsentPolicySettings) {
    return html`<fieldset>
      <legend>${this.msg('consent.texts')}</legend>
      <p class="hint">${this.msg('consent.textsHint')}</p>
      ${BANNER_TEXTS.map(
        (key) => html`<div class="locales">
          ${LOCALES.map((locale) =>
            this.field({
              path: `consent.texts.${locale}.banner.${key}`,
              label: this.label('ed.inLocale', {
                label: this.msg(`consent.text.${key}`),
                language: NATIVE_LOCALE[locale],
              }),
              type: key === 'text' ? 'textarea' : 'text',
              lang: locale,
              value: policy.texts?.[locale]?.[`banner.${key}`] ?? '',
              placeholder: bannerMessages[locale][key],
              onInput: (text) => this.setText(locale, `banner.${key}`, text),
            }),
          )}
        </div>`,
      )}
    </fieldset>`;
  }

  private renderCategory(policy: ConsentPolicySettings, id: ConsentCategoryId) {
    const index = policy.categories.findIndex((c) => c.id === id);
    const category = policy.categories[index];
    const builtIn = DEFAULT_CONSENT_POLICY.categories.find((c) => c.id === id);
    const name = category?.title[this.locale] ?? builtIn?.title[this.locale] ?? id;
    const at = `consent.categories[${index}]`;
    const checkId = `include-${id}`;
    return html`<details class="item">
      <summary>${name}${category ? '' : ` – ${this.msg('consent.notUsed')}`}</summary>
      <div class="check">
        <input
          type="checkbox"
          id=${checkId}
          .checked=${index >= 0}
          ?disabled=${id === 'necessary'}
          @change=${(event: Event) => this.toggleCategory(id, (event.target as HTMLInputElement).checked)}
        />
        <label for=${checkId}>${this.msg(id === 'necessary' ? 'consent.alwaysUsed' : 'consent.useCategory')}</label>
      </div>
      ${
        category
          ? html`
            ${this.localizedFields(`${at}.title`, 'consent.categoryTitle', category.title, (locale, text) =>
              this.change(() => {
                category.title = withText(category.title, locale, text);
              }),
            )}
            ${this.localizedFields(
              `${at}.description`,
              'consent.categoryDescription',
              category.description,
              (locale, text) =>
                this.change(() => {
                  category.description = withText(category.description, locale, text);
                }),
            )}
            ${this.field({
              path: `${at}.storageKeys`,
              label: this.msg('consent.storageKeys'),
              hint: this.msg('consent.storageKeysHint'),
              ltr: true,
              value: this.storageText[id] ?? '',
              onInput: (text) => {
                this.storageText = { ...this.storageText, [id]: text };
                this.change(() => {
                  category.storageKeys = text.split(/[\s,]+/).filter(Boolean);
                });
              },
            })}
            ${this.renderServices(category, at)}
          `
          : nothing
      }
    </details>`;
  }

  private renderServices(category: ConsentCategory, at: string) {
    return html`<fieldset>
      <legend>${this.msg('consent.services')}</legend>
      ${category.services.length === 0 ? html`<p class="hint">${this.msg('consent.noServices')}</p>` : nothing}
      ${category.services.map((service, i) => {
        const path = `${at}.services[${i}]`;
        return html`<div class="service">
          <div class="two">
            ${this.boundField(service, 'id', (mutate) => this.change(mutate), {
              path: `${path}.id`,
              label: this.msg('consent.serviceId'),
              ltr: true,
            })}
            ${this.boundField(service, 'name', (mutate) => this.change(mutate), {
              path: `${path}.name`,
              label: this.msg('consent.serviceName'),
            })}
          </div>
          ${this.localizedFields(`${path}.purpose`, 'consent.servicePurpose', service.purpose, (locale, text) =>
            this.change(() => {
              service.purpose = withText(service.purpose, locale, text);
            }),
          )}
          <button
            type="button"
            class="danger"
            @click=${() =>
              this.change(() => {
                category.services.splice(i, 1);
              })}
          >
            ${this.msg('consent.removeService', { name: service.name || service.id })}
          </button>
        </div>`;
      })}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          @click=${() =>
            this.change(() => {
              const n = category.services.length + 1;
              category.services.push({ id: `service-${n}`, name: '', purpose: {} as LocalizedText });
            })}
        >
          ${this.msg('consent.addService')}
        </button>
      </div>
    </fieldset>`;
  }

  private renderPreview() {
    const policy = this.valid;
    return html`<section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">${this.msg('ed.preview')}</h2>
      <p class="hint">${this.msg('consent.previewHint')}</p>
      ${this.select(
        'preview-locale',
        this.msg('consent.previewLanguage'),
        this.previewLocale,
        LOCALES.map((l) => ({ value: l, label: NATIVE_LOCALE[l] })),
        (locale) => {
          this.previewLocale = locale;
        },
      )}
      ${this.fieldProblem?.source === 'check' ? html`<p class="hint">${this.msg('consent.previewStale')}</p>` : nothing}
      ${policy?.banner?.layout === 'dialog' ? html`<p class="hint">${this.msg('consent.previewDialog')}</p>` : nothing}
      <div class="preview-frame" lang=${this.previewLocale}>
        <mb-consent-banner .client=${this.preview} lang=${this.previewLocale} layout="bar"></mb-consent-banner>
      </div>
    </section>`;
  }

  /** The category's name with its rate over the whole range (granted decisions / decisions), the chart's scale. */
  private optInTitle(name: string, id: ConsentCategoryId, periods: readonly KpiReport['periods'][number][]) {
    let granted = 0;
    let decisions = 0;
    for (const period of periods) {
      granted += period.consent?.optIn?.[id]?.granted ?? 0;
      decisions += period.consent?.decisions ?? 0;
    }
    return decisions === 0 ? name : this.msg('consent.optInTitle', { name, rate: this.percent(granted / decisions) });
  }

  private renderOptIn() {
    const periods = this.report?.periods ?? [];
    const categories = (this.policy?.categories ?? []).filter((c) => !c.required);
    return html`<h2>${this.msg('consent.optIn')}</h2>
      <p class="hint">${this.msg('consent.optInHint')}</p>
      ${categories.map((category) =>
        barChart(
          this.optInTitle(category.title[this.locale], category.id, periods),
          periods.map((p) => {
            const rate = p.consent?.optIn?.[category.id]?.rate ?? null;
            return {
              label: this.day(p.start),
              value: rate ?? 0,
              text: this.percent(rate),
              empty: rate === null,
            };
          }),
          {
            table: this.msg('chartTable'),
            label: this.msg('day'),
            value: this.msg('consent.optInRate'),
            empty: this.msg('chart.empty'),
          },
          { max: 1 },
        ),
      )}`;
  }

  override render() {
    const policy = this.policy;
    return html`
      <h1 tabindex="-1">${this.msg('page.consent')}</h1>
      <p>${this.msg('consent.intro')}</p>
      ${this.renderSummary()} ${this.renderStatus()}
      ${
        policy === undefined
          ? this.error
            ? nothing
            : html`<p>${this.msg('loading')}</p>`
          : html`<div class="layout">
            <form
              novalidate
              aria-labelledby="form-heading"
              @submit=${(event: Event) => {
                event.preventDefault();
                void this.busyWith(() => this.save());
              }}
            >
              <h2 id="form-heading" class="visually-hidden">${this.msg('consent.policy')}</h2>
              ${this.renderGeneral(policy)} ${this.renderTexts(policy)}
              <h2>${this.msg('consent.categories')}</h2>
              ${CONSENT_CATEGORIES.map((id) => this.renderCategory(policy, id))}
              <div class="check">
                <input
                  type="checkbox"
                  id="reask"
                  .checked=${this.reask}
                  aria-describedby="publish-note"
                  @change=${(event: Event) => {
                    this.reask = (event.target as HTMLInputElement).checked;
                  }}
                />
                <label for="reask">${this.msg('consent.reaskNow')}</label>
              </div>
              ${this.versionNote()}
              ${this.renderActions(() => this.publish())}
            </form>
            ${this.renderPreview()}
          </div>
          ${this.renderOptIn()}`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-consent': ConsoleConsent;
  }
}
