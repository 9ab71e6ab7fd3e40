/** Every error response of the API: `{ error: { code, message } }` with a matching HTTP status. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_message'
  | 'unauthorized'
  | 'forbidden_origin'
  | 'not_found'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}
