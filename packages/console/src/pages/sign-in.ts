import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { ConsolePage } from '../page-base.ts';

/**
 * Sign in with the admin key. The key goes to the server once and is never kept in the browser; an error names the
 * field (`aria-invalid` + `aria-describedby`). `notice` carries why the person is here (session ended, signed out).
 * @event mb-console-signed-in - the session is open (detail: the session).
 */
@customElement('mb-console-sign-in')
export class ConsoleSignIn extends ConsolePage {
  @property() notice = '';
  @state() private error = '';
  @state() private busy = false;

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#key')!;
    this.busy = true;
    this.error = '';
    try {
      const session = await this.api.signIn(input.value.trim());
      input.value = '';
      this.dispatchEvent(new CustomEvent('mb-console-signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : this.problem(error);
      await this.updateComplete;
      input.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">${this.msg('page.sign-in')}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      <p>${this.msg('signInIntro')}</p>
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="key">${this.msg('adminKey')}</label>
          <input
            id="key"
            name="key"
            type="password"
            autocomplete="current-password"
            spellcheck="false"
            required
            size="44"
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${this.error ? 'key-error' : ''}
          />
          ${this.error ? html`<p id="key-error" class="notice error" role="alert">${this.error}</p>` : ''}
        </div>
        <button type="submit" ?disabled=${this.busy}>${this.msg('signIn')}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-sign-in': ConsoleSignIn;
  }
}
