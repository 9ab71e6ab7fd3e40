/** `mb-inbox-read`: the visitor marked inbox items read (`all`: "mark all read"). */
export interface InboxReadDetail {
  ids: number[];
  all: boolean;
}

export type MbInboxReadEvent = CustomEvent<InboxReadDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-inbox-read': MbInboxReadEvent;
  }
}
