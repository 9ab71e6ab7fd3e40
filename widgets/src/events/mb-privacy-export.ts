/** `mb-privacy-export`: the visitor's data was handed to the browser as a download. */
export interface PrivacyExportDetail {
  filename: string;
  events: number;
}

export type MbPrivacyExportEvent = CustomEvent<PrivacyExportDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-privacy-export': MbPrivacyExportEvent;
  }
}
