import { css } from 'lit';

/** Component tier of `<mb-inbox>`: `var(--mb-inbox-*, var(--mb-…system…))`. */
export const styles = css`
  :host {
    display: inline-block;
    position: relative;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: 2.75rem;
    block-size: 2.75rem;
    padding: 0;
    border: 1px solid var(--mb-inbox-border, var(--mb-color-border));
    border-radius: 50%;
    background: var(--mb-inbox-surface, var(--mb-color-surface));
    color: var(--mb-inbox-text, var(--mb-color-text));
    cursor: pointer;
  }
  .bell svg {
    inline-size: 1.4rem;
    block-size: 1.4rem;
    fill: currentColor;
  }
  .badge {
    position: absolute;
    inset-block-start: -0.25rem;
    inset-inline-end: -0.25rem;
    min-inline-size: 1.25rem;
    padding: 0 0.3rem;
    border-radius: 0.625rem;
    background: var(--mb-inbox-badge, var(--mb-color-danger));
    color: var(--mb-inbox-badge-text, #fff);
    font-size: var(--mb-font-size-s);
    font-weight: var(--mb-font-weight-strong);
    line-height: 1.25rem;
  }
  button:focus-visible,
  a:focus-visible,
  h2:focus-visible {
    outline: 2px solid var(--mb-color-focus);
    outline-offset: 2px;
  }
  .panel {
    z-index: 10;
    inline-size: min(var(--mb-inbox-width, 22rem), calc(100vw - 1rem));
    max-block-size: min(30rem, 80vh);
    overflow: auto;
    padding: var(--mb-space-m);
    background: var(--mb-inbox-surface, var(--mb-color-surface));
    color: var(--mb-inbox-text, var(--mb-color-text));
    border: 1px solid var(--mb-inbox-border, var(--mb-color-border));
    border-radius: var(--mb-inbox-radius, var(--mb-radius-l));
    box-shadow: var(--mb-inbox-shadow, var(--mb-shadow-m));
  }
  .panel[hidden] {
    display: none;
  }
  .head {
    display: flex;
    align-items: center;
    gap: var(--mb-space-s);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: var(--mb-font-size-l);
  }
  .close {
    inline-size: 2rem;
    block-size: 2rem;
    border: 0;
    background: none;
    color: inherit;
    font-size: 1.4rem;
    cursor: pointer;
  }
  .link {
    padding: var(--mb-space-xs);
    border: 0;
    background: none;
    color: var(--mb-color-link, var(--mb-color-primary));
    text-decoration: underline;
    font: inherit;
    cursor: pointer;
  }
  ul {
    display: grid;
    gap: var(--mb-space-s);
    margin: var(--mb-space-s) 0 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: var(--mb-space-xs);
    padding-block: var(--mb-space-s);
    border-block-start: 1px solid var(--mb-inbox-border, var(--mb-color-border));
  }
  .item-title {
    margin: 0;
    font-size: var(--mb-font-size-m);
  }
  .item-title a {
    color: inherit;
  }
  .dot {
    display: inline-block;
    inline-size: 0.5rem;
    block-size: 0.5rem;
    margin-inline-end: var(--mb-space-xs);
    border-radius: 50%;
    background: var(--mb-inbox-badge, var(--mb-color-danger));
  }
  .item[data-unread='false'] .item-title {
    font-weight: normal;
  }
  .item-body {
    margin: 0;
  }
  .item-foot {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--mb-space-s);
    color: var(--mb-inbox-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  .notice {
    margin: var(--mb-space-s) 0 0;
  }
  .notice p {
    margin: 0;
  }
  .small {
    font-size: var(--mb-font-size-s);
  }
`;
