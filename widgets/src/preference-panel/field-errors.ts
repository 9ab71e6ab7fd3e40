import { html, nothing, type TemplateResult } from 'lit';

/** Refused values: the error message per field path (`notifications.maxPerDay`, `theme`, …). */
export type FieldErrors = Readonly<Record<string, string>>;

/** The error of a field, or of anything inside it (`notifications.maxPerDay` for `notifications.…`). */
export function errorOf(errors: FieldErrors, field: string): string | undefined {
  for (const [path, message] of Object.entries(errors)) {
    if (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)) return message;
  }
  return undefined;
}

export function errorId(field: string): string {
  return `error-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** `aria-describedby` of a field: its error, when it has one. */
export function describedBy(errors: FieldErrors, field: string): string | typeof nothing {
  return errorOf(errors, field) ? errorId(field) : nothing;
}

export function invalid(errors: FieldErrors, field: string): 'true' | typeof nothing {
  return errorOf(errors, field) ? 'true' : nothing;
}

export function renderError(errors: FieldErrors, field: string): TemplateResult | typeof nothing {
  const message = errorOf(errors, field);
  return message ? html`<p id=${errorId(field)} part="error" class="error">${message}</p>` : nothing;
}

/** The errors left after a write of top-level `key` (through `field`): that key's old errors go. */
export function withoutKey(errors: FieldErrors, key: string, field: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path !== field && path.split(/[.[]/)[0] !== key));
}
