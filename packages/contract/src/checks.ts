/**
 * The building blocks of the contract's validators (privacy, preferences, recommendations, rules): a check
 * throws {@link Invalid} naming the field, and {@link runChecks} turns the first one into a `BadRequest`.
 * Throwing keeps nested checks short; only `Invalid` is caught, so a bug still surfaces as an error.
 */
import type { BadRequest, Result } from './validate.ts';

export class Invalid extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function runChecks<T>(check: () => T): Result<T, BadRequest> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { ok: false, error: { field: error.field, message: error.message } };
  }
}

/** A non-empty string of at most `max` characters. */
export function boundedString(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new Invalid(field, `${field} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Invalid(field, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
