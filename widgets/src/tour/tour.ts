/**
 * Registers `<mb-tour>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `tour.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbTour } from './tour.component.ts';

export type { TourClientLike, TourDismissEventDetail, TourStepEventDetail, TourView } from './tour-client.ts';
export { MbTour };

export const TOUR_TAG = 'mb-tour';
defineElement(TOUR_TAG, MbTour, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-tour': MbTour;
  }
}
