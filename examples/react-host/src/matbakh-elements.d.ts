/**
 * Typed JSX for the matbakh custom elements in React 19 (copy this file into your app).
 *
 * React 19 sets a prop as a PROPERTY when the element has one (`client`, `open`, …) and otherwise as an
 * attribute; a prop `on<event-name>` with a function adds a listener for exactly `<event-name>`:
 * `onmb-consent-change` listens to `mb-consent-change`. Import the element definitions before the first
 * render, so that `client in element` is already true.
 */

import type { ConsentClient } from '@matbakh/widgets/shared/consent-client.ts';
import type {
  ConsentChangeDetail,
  PrivacyCloseDetail,
  PrivacyEraseDetail,
  PrivacyExportDetail,
} from '@matbakh/widgets/shared/consent-events.ts';
import type { Theme } from '@matbakh/widgets/shared/tokens.ts';
import type { CSSProperties, DOMAttributes, RefAttributes } from 'react';

type Handler<D> = (event: CustomEvent<D>) => void;

interface MbBaseProps<E> extends DOMAttributes<E>, RefAttributes<E> {
  id?: string;
  class?: string;
  className?: string;
  hidden?: boolean;
  theme?: Theme;
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  style?: CSSProperties & Record<`--mb-${string}`, string>;
  /** The matbakh client to use (else `window.matbakh.client`). A property, never an attribute. */
  client?: ConsentClient;
  'onmb-consent-change'?: Handler<ConsentChangeDetail>;
}

export interface MbConsentBannerProps extends MbBaseProps<HTMLElement> {
  layout?: 'bar' | 'dialog';
  'onmb-privacy-open'?: Handler<null>;
}

export interface MbPrivacyCenterProps extends MbBaseProps<HTMLElement> {
  mode?: 'embedded' | 'dialog';
  open?: boolean;
  listen?: boolean;
  'onmb-privacy-close'?: Handler<PrivacyCloseDetail>;
  'onmb-privacy-export'?: Handler<PrivacyExportDetail>;
  'onmb-privacy-erase'?: Handler<PrivacyEraseDetail>;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'mb-consent-banner': MbConsentBannerProps;
      'mb-privacy-center': MbPrivacyCenterProps;
    }
  }
}
