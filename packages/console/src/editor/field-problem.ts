/**
 * A problem with one field of the configuration: found while the person types (the contract's validator, the same
 * one the server runs) or answered by the server on save. `field` is the server's path
 * (`consent.privacyPolicyUrl`, `rules[2].action.title.de`); an input shows the problem when it edits that field or a
 * part of it, so a compound input (a list typed as text, a JSON condition) shows the problems inside it.
 */
import type { MessageKey } from '../messages.ts';

export interface FieldProblem {
  field: string;
  /** The validator's or server's sentence (English): shown as the detail when no translated sentence fits. */
  message: string;
  source: 'check' | 'server';
}

export function problemAt(problem: FieldProblem | undefined, path: string): FieldProblem | undefined {
  if (!problem) return undefined;
  const { field } = problem;
  if (field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`)) return problem;
  // A text "in at least one locale" is about the group of locale inputs: its first one (German) shows it.
  return path === `${field}.de` ? problem : undefined;
}

/** An id usable in HTML for a field path (`rules[0].action.title.de` → `f-rules-0-action-title-de`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

/**
 * The translated sentence for a validator message, by what it says (the validators' sentences are stable: they
 * are the API's documented errors). `undefined`: no translation fits, the page shows a generic sentence and the
 * validator's own words as the detail.
 */
export function translatedProblem(message: string): { key: MessageKey; params?: Record<string, number> } | undefined {
  const max = /at most (\d+) characters/.exec(message);
  if (max) return { key: 'err.text', params: { max: Number(max[1]) } };
  if (/absolute http\(s\) URL|http\(s\) only|must be an http/.test(message)) return { key: 'err.url' };
  const days = /whole number of days from 1 to (\d+)/.exec(message);
  if (days) return { key: 'err.days', params: { max: Number(days[1]) } };
  if (/listed twice|used by an earlier|lists ".*" twice|duplicate/.test(message)) return { key: 'err.duplicate' };
  if (/must be 1–100 letters|letters, digits/.test(message)) return { key: 'err.id' };
  if (/number from 0 to 1/.test(message)) return { key: 'err.share' };
  if (/at least one locale/.test(message)) return { key: 'err.oneLocale' };
  if (/^JSON:/.test(message)) return { key: 'err.json' };
  if (/^selector:/.test(message)) return { key: 'err.selector' };
  if (/never back/.test(message)) return { key: 'err.backwards' };
  if (/must include "necessary"/.test(message)) return { key: 'err.necessary' };
  return undefined;
}
