/**
 * The in-app inbox's requests (issue 19, `<mb-inbox>`): what `POST /v1/inbox/read` takes and answers. The items
 * themselves, `GET /v1/inbox`'s answer and the stream's events are in messaging.ts.
 */
import type { Subject } from './privacy.ts';

/** Most ids one `POST /v1/inbox/read` marks (a page of the list is at most 100). */
export const INBOX_READ_MAX_IDS = 100;
/** `GET /v1/inbox?limit=`: default and most. */
export const INBOX_PAGE_DEFAULT = 20;
export const INBOX_PAGE_MAX = 100;

/** `POST /v1/inbox/read`: the subject, and either some item ids or `all: true`. */
export type InboxReadRequest = Subject & ({ ids: number[]; all?: never } | { all: true; ids?: never });

/** `POST /v1/inbox/read`: how many items changed from unread to read, and the unread count after. */
export interface InboxReadResponse {
  marked: number;
  unread: number;
}
