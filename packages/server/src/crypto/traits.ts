/**
 * A subject's `identify` traits at rest: sealed with the subject's data key (subject-data.ts) in the event's payload
 * as `sealedTraits`. Only coarse traits ranking needs stay readable beside it (`region`: the guest's home region,
 * recommend/subject-context.ts), so the request path never decrypts and aggregates hold no raw personal data.
 */
import type { JsonObject } from '@matbakh/contract';
import { isSealed, type SubjectCipher } from './subject-data.ts';

/** Traits kept in clear: coarse, and what ranking reads. */
export const CLEAR_TRAITS: readonly string[] = ['region'];
const PURPOSE = 'identify_traits';

/** The preferences' subject key of a stored row: the userId wins, else the anonymousId. */
export const rowSubjectKey = (row: { user_id?: string | null; anonymous_id?: string | null }): string =>
  row.user_id ? `u:${row.user_id}` : `a:${row.anonymous_id ?? ''}`;

export interface SealedTraits {
  /** The clear part; absent when nothing is clear. */
  traits?: JsonObject;
  sealedTraits: string;
}

export async function sealTraits(cipher: SubjectCipher, subjectKey: string, traits: JsonObject): Promise<SealedTraits> {
  const clear: JsonObject = {};
  for (const name of CLEAR_TRAITS) if (traits[name] !== undefined) clear[name] = traits[name]!;
  const sealedTraits = await cipher.seal(subjectKey, PURPOSE, JSON.stringify(traits));
  return Object.keys(clear).length === 0 ? { sealedTraits } : { traits: clear, sealedTraits };
}

/**
 * The payload as its subject (or the demo's event list) sees it: sealed traits opened and in `traits` again. After
 * the subject's erasure the key is gone, and only the clear part is left.
 */
export async function openTraits<P extends { traits?: JsonObject; sealedTraits?: unknown }>(
  cipher: SubjectCipher,
  subjectKey: string,
  payload: P,
): Promise<Omit<P, 'sealedTraits'>> {
  const { sealedTraits, ...rest } = payload;
  if (!isSealed(sealedTraits)) return rest;
  const plain = await cipher.open(subjectKey, PURPOSE, sealedTraits);
  return plain === undefined ? rest : { ...rest, traits: JSON.parse(plain) as JsonObject };
}
