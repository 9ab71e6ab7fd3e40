import { css } from 'lit';

/**
 * Element styles several widgets share, one copy each. A widget lists them after `baseStyles` and before its own
 * sheet, where they stood inside that sheet before: its own rules still refine them (padding, font size).
 */

/** Headings without the browser's margins, set tight. */
export const headingStyles = css`
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: var(--mb-line-height-tight);
  }
`;

/** An outlined, rounded button with strong text on a transparent ground (dashboard, preference panel). */
export const outlineButtonStyles = css`
  button {
    cursor: pointer;
    min-block-size: 2.75em;
    padding: var(--mb-space-2xs) var(--mb-space-m);
    border-radius: var(--mb-radius-m);
    background: transparent;
    border: var(--mb-border-width) solid var(--mb-color-border);
    font-weight: var(--mb-font-weight-strong);
  }
`;

/**
 * A bordered button on the surface colour, and `.link`, a button that reads as a link (recommendation card,
 * recommendations list); padding is the widget's.
 */
export const surfaceButtonStyles = css`
  button {
    min-block-size: 2.75em;
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-s);
    background: var(--mb-color-surface);
    color: var(--mb-color-text);
    cursor: pointer;
  }
  .link {
    min-block-size: 2.75em;
    padding: 0;
    border: none;
    background: none;
    color: var(--mb-color-primary);
    text-decoration: underline;
  }
`;

/**
 * A heading row: its items spread to both ends and wrap on narrow screens. Used inside a rule, which adds its own
 * alignment and gap: `.x-head { ${spreadRow} align-items: center; gap: … }`.
 */
export const spreadRow = css`
  display: flex;
  flex-wrap: wrap;
  justify-content: space-between;
`;
