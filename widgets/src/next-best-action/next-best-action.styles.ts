import { css } from 'lit';
import { cardStyles } from '../shared/popover-card.ts';

/** `<mb-next-best-action>`: the shared card (`--mb-nba-*` tier) plus the why line and the new-tab hint. */
export const styles = [
  cardStyles('nba', 'popover-width', 'cta'),
  css`
[part=reason]{margin-block-start:var(--mb-space-xs)}
`,
];
