import { css } from 'lit';
import { cardStyles } from '../shared/popover-card.ts';

/** `<mb-push-optin>`: the shared card (`--mb-push-*` tier), inline in the page (never a popup over it). */
export const styles = [
  cardStyles('push', 'width', 'allow'),
  css`
[part=why],[part=message]{margin-block-start:var(--mb-space-xs)}
[part=message]:focus{outline:none}
button[disabled]{opacity:.6;cursor:progress}
`,
];
