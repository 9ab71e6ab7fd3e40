import { css } from 'lit';

/** Component tier of `<mb-preference-panel>`: `var(--mb-preference-panel-*, var(--mb-…system…))`. */
export const styles = css`
  :host {
    display: block;
  }
  .base {
    padding: var(--mb-preference-panel-padding, var(--mb-space-l));
    background: var(--mb-preference-panel-surface, var(--mb-color-surface));
    border: var(--mb-border-width) solid var(--mb-preference-panel-border, var(--mb-color-border));
    border-radius: var(--mb-preference-panel-radius, var(--mb-radius-l));
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-l);
  }
  h2 {
    font-size: var(--mb-font-size-xl);
  }
  h3 {
    font-size: var(--mb-font-size-l);
  }
  h4 {
    font-size: var(--mb-font-size-m);
  }
  h3:focus {
    outline: none;
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-m);
  }
  fieldset {
    margin: 0;
    padding: var(--mb-space-s) var(--mb-space-m);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-m);
  }
  legend {
    padding-inline: var(--mb-space-2xs);
    font-weight: var(--mb-font-weight-strong);
  }
  .choices,
  .checks,
  .quiet {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-xs) var(--mb-space-l);
    align-items: center;
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13em, 1fr));
  }
  .checks legend,
  .checks .error {
    grid-column: 1 / -1;
  }
  .choice,
  .inline {
    display: inline-flex;
    align-items: center;
    gap: var(--mb-space-xs);
    min-block-size: 2.75em;
    cursor: pointer;
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--mb-color-primary);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-2xs);
    align-items: flex-start;
    font-weight: var(--mb-font-weight-strong);
  }
  select,
  input[type='number'],
  input[type='time'] {
    min-block-size: 2.75em;
    padding: var(--mb-space-2xs) var(--mb-space-xs);
    background: var(--mb-color-surface);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-s);
    font-weight: var(--mb-font-weight-regular);
  }
  input[type='number'] {
    inline-size: 6em;
  }
  [aria-invalid='true'] {
    border-color: var(--mb-color-danger);
  }
  .hint {
    margin: 0;
    font-size: var(--mb-font-size-s);
    font-weight: var(--mb-font-weight-regular);
    color: var(--mb-color-muted);
  }
  .error {
    margin: 0;
    padding-inline-start: var(--mb-space-s);
    border-inline-start: 3px solid var(--mb-color-danger);
    font-size: var(--mb-font-size-s);
    font-weight: var(--mb-font-weight-regular);
    color: var(--mb-color-text);
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--mb-space-xs) var(--mb-space-m);
    padding: var(--mb-space-s) var(--mb-space-m);
    border-inline-start: 3px solid var(--mb-color-primary);
    background: color-mix(in srgb, var(--mb-color-primary) 8%, transparent);
  }
  .notice p {
    margin: 0;
    flex: 1 1 20em;
  }
  button.small {
    min-block-size: 2.25em;
    padding: var(--mb-space-2xs) var(--mb-space-xs);
    font-size: var(--mb-font-size-s);
  }
  /* Edges with hidden columns get a shadow (the covers scroll with the table, the shadows stay with the box). */
  .table-scroll {
    overflow-x: auto;
    --cover: var(--mb-preference-panel-surface, var(--mb-color-surface));
    --shade: color-mix(in srgb, var(--mb-color-text) 22%, transparent);
    background:
      linear-gradient(to right, var(--cover) 40%, transparent) left / 2em 100% no-repeat local,
      linear-gradient(to left, var(--cover) 40%, transparent) right / 2em 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, var(--shade), transparent) left / 0.75em 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, var(--shade), transparent) right / 0.75em 100% no-repeat scroll;
  }
  .scroll-hint {
    margin: 0 0 var(--mb-space-2xs);
    font-size: var(--mb-font-size-s);
    color: var(--mb-color-muted);
  }
  .matrix {
    border-collapse: collapse;
    inline-size: 100%;
  }
  .matrix th,
  .matrix td {
    padding: var(--mb-space-xs);
    border-block-end: var(--mb-border-width) solid var(--mb-color-border);
    text-align: center;
    vertical-align: middle;
  }
  .matrix th[scope='row'],
  .matrix thead th:first-child {
    text-align: start;
  }
  .consent-needed {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--mb-space-2xs);
    font-weight: var(--mb-font-weight-regular);
    color: var(--mb-color-muted);
  }
  /* The note only: on the container, the button's own small size compounded to 10.5 px. */
  .consent-needed > span {
    font-size: var(--mb-font-size-xs);
  }
  .favorites ul {
    list-style: none;
    margin: var(--mb-space-xs) 0 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-2xs);
  }
  .favorites li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--mb-space-s);
  }
`;
