import { css } from 'lit';
import { cardStyles } from '../shared/popover-card.ts';

/** `<mb-tour>`: the shared card (`--mb-tour-*` tier) plus the highlight ring. Durations are zero under reduced motion. */
export const styles = [
  cardStyles('tour', 'width', 'next'),
  css`
.popover{animation:in var(--mb-motion-duration-m) var(--mb-motion-easing)}
@keyframes in{from{opacity:0}}
.ring{position:fixed;z-index:var(--mb-tour-z-index,2147482000);pointer-events:none;border-radius:var(--mb-radius-s);outline:var(--mb-tour-highlight-width,3px) solid var(--mb-tour-highlight,var(--mb-color-focus));outline-offset:var(--mb-tour-highlight-offset,4px);box-shadow:var(--mb-tour-highlight-shadow,none)}
[part=progress]{margin-block-end:var(--mb-space-2xs)}
[part=skip]{margin-inline-end:auto}
button:disabled{opacity:.5;cursor:default}
`,
];
