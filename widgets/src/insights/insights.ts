/**
 * Registers `<mb-insights>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `insights.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbInsights } from './insights.component.ts';

export type { InsightActionDetail, InsightsClient } from './insights-client.ts';
export { MbInsights };

export const INSIGHTS_TAG = 'mb-insights';
defineElement(INSIGHTS_TAG, MbInsights, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-insights': MbInsights;
  }
}
