/** `mb-insight-action`: the owner activated an insight's call to action. */
export interface InsightActionDetail {
  insightId: string;
}

export type MbInsightActionEvent = CustomEvent<InsightActionDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-insight-action': MbInsightActionEvent;
  }
}
