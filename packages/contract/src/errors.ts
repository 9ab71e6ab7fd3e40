/** Every error response of the API: `{ error: { code, message } }` with a matching HTTP status. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_message'
  | 'unauthorized'
  | 'forbidden_origin'
  /** The request names a subject it has not proven to be (a userId without a valid userHash). */
  | 'forbidden'
  /** The subject's consent-ledger decision does not grant what the request needs (e.g. feedback: personalization). */
  | 'consent_required'
  | 'not_found'
  /** A write without `If-Match` (428) / with a stale version (412, the body carries the current state). */
  | 'precondition_required'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}
