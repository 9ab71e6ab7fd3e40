/**
 * Debug mode only (`data-debug`, `?matbakh_debug=1`): one console line per misconfiguration, naming the cause and
 * the fix, however many requests and plugins run into it. Lives with the plugin host, never in the core client: the
 * core reports its refused batches through `diagnostics.report` like everything else, and this reads them.
 */
import type { Diagnostics, Explainable } from '../util/diagnostics.ts';

export interface ExplainContext {
  readonly api: string;
  readonly writeKey: string;
}

const lines: Record<Explainable, (c: ExplainContext, details: readonly string[]) => string> = {
  origin: (c) =>
    `this page's origin ${location.origin} is not allowed for write key ${c.writeKey}, so the API refuses it. Fix: add ${location.origin} to the tenant's allowed origins (console → Keys & origins), or open the page on an allowed origin.`,
  key: (c) =>
    `write key ${c.writeKey} is unknown, expired or revoked at ${c.api}. Fix: set data-write-key to the tenant's publishable key (pk_…, printed by npm run tenant:create and shown in the console).`,
  catalog: () =>
    `recommendations are empty because this tenant has no catalogue. Fix: upload one (console → Catalogue, or POST /v1/admin/catalog with the admin key, JSON or CSV).`,
  tour: (_, [id, ...known]) =>
    `<mb-tour tour-id="${id}"> shows nothing: the tenant's configuration has no such tour (it has: ${known.join(', ') || 'none'}). Fix: use one of those ids, or add the tour (console → Personalization).`,
  config: (c, [reason]) =>
    `the configuration from ${c.api}/v1/config is unusable (${reason}). Fix: check that data-api points at the matbakh API and the tenant's configuration is valid (npm run tenant:config get).`,
};

/** The cause of a reported error, if it is a misconfiguration: from the API's error code or the failing request. */
export function causeOf(error: unknown): Explainable | undefined {
  const { body, code, message, status } = (error ?? {}) as {
    body?: unknown;
    code?: unknown;
    message?: unknown;
    status?: unknown;
  };
  // The plugins' ApiError carries the body; the core's refused batch reports "403 {json}".
  const apiCode =
    (body as { error?: { code?: unknown } } | undefined)?.error?.code ??
    (typeof error === 'string' ? /"code":"(\w+)"/.exec(error)?.[1] : undefined);
  if (apiCode === 'forbidden_origin') return 'origin';
  if (apiCode === 'unauthorized') return 'key';
  const text = typeof message === 'string' ? message : '';
  // Not JSON, not a configuration, or no such route: data-api points somewhere else.
  if (text.includes('/v1/config') && (code === 'invalid' || status === 404)) return 'config';
  return undefined;
}

/**
 * Makes `diagnostics` (this client's own) explain misconfigurations once each, counted as errors as before; every
 * other report goes on as it did. Answers `quiet()`: once the client is destroyed, requests still in flight say no more.
 */
export function explainIn(diagnostics: Diagnostics, context: ExplainContext): { quiet(): void } {
  const { report } = diagnostics;
  const said = new Set<string>();
  let quiet = false;
  const explain = (cause: Explainable, ...details: string[]) => {
    // Once per cause; per tour id for tours (two elements may name two different missing tours).
    const key = cause === 'tour' ? `tour ${details[0]}` : cause;
    if (quiet || said.has(key)) return;
    said.add(key);
    console.warn(`[matbakh] ${lines[cause](context, details)}`);
  };
  diagnostics.explain = explain;
  diagnostics.report = (where, error) => {
    const cause = causeOf(error);
    if (!cause) return report(where, error);
    diagnostics.errors++;
    explain(cause, detailOf(error));
  };
  return {
    quiet: () => {
      quiet = true;
    },
  };
}

function detailOf(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  return message.replace(/^matbakh: /, '');
}
