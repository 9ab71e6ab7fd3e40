import { css } from 'lit';
import { cardStyles } from '../shared/popover-card.ts';

/** `<mb-next-best-action>`: the shared card (`--mb-nba-*` tier) plus the why line and the new-tab hint. */
export const styles = [
  cardStyles('nba', 'popover-width', 'cta'),
  css`
[part=reason]{margin-block-start:var(--mb-space-xs)}
.visually-hidden{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`,
];
