/** `mb-inbox-item-open`: the visitor followed an inbox item's link (it navigates too; the item is marked read). */
export interface InboxItemOpenDetail {
  itemId: number;
  /** The sanitised link. */
  url: string;
}

export type MbInboxItemOpenEvent = CustomEvent<InboxItemOpenDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-inbox-item-open': MbInboxItemOpenEvent;
  }
}
