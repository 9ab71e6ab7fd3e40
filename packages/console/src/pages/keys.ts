import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { dataTable } from '../data-table.ts';
import { ConsolePage } from '../page-base.ts';

interface KeyRecord {
  id: string;
  kind: 'secret' | 'admin';
  hint: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
}

/**
 * Keys & origins: the tenant's keys (list, create an admin key, rotate the secret, revoke), a new key shown once with
 * a copy button, and the origins the write key is allowed on.
 */
@customElement('mb-console-keys')
export class ConsoleKeys extends ConsolePage {
  @state() private keys: KeyRecord[] | undefined;
  @state() private error = '';
  @state() private status = '';
  @state() private fresh: { key: string; record: KeyRecord } | undefined;
  @state() private copied = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.keys = (await this.api.get<{ keys: KeyRecord[] }>('/v1/admin/keys')).keys;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async act(run: () => Promise<void>) {
    this.error = '';
    this.status = '';
    try {
      await run();
      await this.load();
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private create() {
    return this.act(async () => {
      const made = await this.api.request<{ key: string; record: KeyRecord }>('POST', '/v1/admin/keys', {
        kind: 'admin',
      });
      this.fresh = made;
      this.copied = false;
    });
  }

  private rotate() {
    return this.act(async () => {
      const made = await this.api.request<{ secret: string; key: KeyRecord }>('POST', '/v1/admin/keys/rotate', {});
      this.fresh = { key: made.secret, record: made.key };
      this.copied = false;
    });
  }

  private revoke(key: KeyRecord) {
    if (!confirm(this.msg('confirmRevoke', { key: key.hint }))) return;
    return this.act(async () => {
      await this.api.request('POST', `/v1/admin/keys/${encodeURIComponent(key.id)}/revoke`);
      this.status = this.msg('keyRevoked', { key: key.hint });
    });
  }

  private async copy() {
    if (!this.fresh) return;
    await navigator.clipboard.writeText(this.fresh.key).catch(() => undefined);
    this.copied = true;
  }

  private keyStatus(key: KeyRecord): string {
    if (key.revokedAt) return this.msg('revoked', { date: this.date(key.revokedAt) });
    if (key.expiresAt) return this.msg('expires', { date: this.date(key.expiresAt) });
    return this.msg('active');
  }

  override render() {
    const origins = this.session?.tenant.allowedOrigins ?? [];
    return html`
      <h1 tabindex="-1">${this.msg('page.keys')}</h1>
      <p>${this.msg('keysIntro')}</p>
      <div class="row">
        <button type="button" @click=${this.create}>${this.msg('createAdminKey')}</button>
        <button type="button" class="secondary" @click=${this.rotate}>${this.msg('rotateSecret')}</button>
      </div>
      <div role="status">${this.status ? html`<p class="notice">${this.status}</p>` : ''}</div>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : ''}</div>
      ${
        this.fresh
          ? html`<div class="notice" part="new-key">
            <p>${this.msg('newSecret')}</p>
            <p><code id="fresh-key">${this.fresh.key}</code></p>
            <button type="button" class="secondary" @click=${this.copy} aria-describedby="fresh-key">
              ${this.copied ? this.msg('copied') : this.msg('copy')}
            </button>
          </div>`
          : ''
      }
      ${
        this.keys === undefined
          ? this.error
            ? ''
            : html`<p>${this.msg('loading')}</p>`
          : dataTable({
              caption: this.msg('page.keys'),
              columns: [
                this.msg('keyHint'),
                this.msg('keyKind'),
                { label: this.msg('keyCreated'), wideOnly: true },
                this.msg('keyStatus'),
                this.msg('keyActions'),
              ],
              rows: this.keys,
              row: (key) => html`<tr>
                    <td><code>${key.hint}</code></td>
                    <td>${this.msg(key.kind === 'admin' ? 'kind.admin' : 'kind.secret')}</td>
                    <td class="wide-only">${this.date(key.createdAt)}</td>
                    <td>${this.keyStatus(key)}${key.id === this.session?.keyId ? ` (${this.msg('thisSession')})` : ''}</td>
                    <td>
                      ${
                        key.revokedAt
                          ? ''
                          : html`<button
                            type="button"
                            class="danger"
                            aria-label=${this.msg('revokeKey', { key: key.hint })}
                            @click=${() => this.revoke(key)}
                          >
                            ${this.msg('revoke')}
                          </button>`
                      }
                    </td>
                  </tr>`,
            })
      }
      <h2>${this.msg('origins')}</h2>
      ${
        origins.length === 0
          ? html`<p>${this.msg('originsNone')}</p>`
          : html`<ul>
            ${origins.map((origin) => html`<li><code>${origin}</code></li>`)}
          </ul>`
      }
      ${
        this.session?.tenant.writeKey
          ? html`<h2>${this.msg('writeKey')}</h2>
            <p><code>${this.session.tenant.writeKey}</code></p>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-keys': ConsoleKeys;
  }
}
