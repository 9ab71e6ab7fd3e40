import { css } from 'lit';

/**
 * Component tier of `<mb-widget-grid>`. Columns come from the element's own width (container queries on the
 * host): 1 below 36em, 2, 3 from 56em, 4 from 76em. The order of the widgets is the truth; a widget's
 * `span="2"` takes two columns where there are two or more.
 *
 * Cheap to style and lay out at 50 widgets: icons are gradients (no SVG nodes), buttons are flex, not grid.
 */
export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .grid {
    --cols: 1;
    position: relative;
    display: grid;
    grid-template-columns: repeat(var(--cols), minmax(0, 1fr));
    gap: var(--mb-widget-grid-gap, var(--mb-space-m));
  }
  @container (min-width: 36em) {
    .grid {
      --cols: 2;
    }
    [data-span='2'] {
      grid-column: span 2;
    }
  }
  @container (min-width: 56em) {
    .grid {
      --cols: 3;
    }
  }
  @container (min-width: 76em) {
    .grid {
      --cols: 4;
    }
  }
  /* The handle and the menu button sit in the cell's top padding; the widget is the one flex item. */
  .cell {
    position: relative;
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    padding-block-start: 2em;
    border-radius: var(--mb-widget-grid-radius, var(--mb-radius-m));
    background: var(--mb-widget-grid-cell-surface, var(--mb-color-surface));
  }
  .picked {
    outline: var(--mb-focus-ring-width) dashed var(--mb-color-focus);
    outline-offset: var(--mb-focus-ring-offset);
  }
  .dragging {
    z-index: 2;
    box-shadow: var(--mb-widget-grid-drag-shadow, var(--mb-shadow-l));
    cursor: grabbing;
  }
  button {
    padding: var(--mb-space-2xs) var(--mb-space-xs);
    border: 0;
    border-radius: var(--mb-radius-s);
    background: none;
    text-align: start;
    cursor: pointer;
  }
  button:hover,
  [role='menu'] button:focus {
    background-color: color-mix(in srgb, currentColor 12%, transparent);
  }
  .handle,
  .menu-button {
    position: absolute;
    inset-block-start: 0;
    inset-inline-end: 0;
    inline-size: 2em;
    block-size: 2em;
    padding: 0.5em 0.625em;
    color: var(--mb-color-muted);
    /* Dots: six for the handle, three for the menu button, in the content box (the empty second layer keeps the
       hover colour on the whole button: the background colour takes the bottom layer's clip). */
    background: radial-gradient(circle, currentColor 0.09em, transparent 0.12em) content-box 0 0 / 0.375em 0.375em,
      none;
  }
  .handle {
    inset-inline-end: 2em;
    cursor: grab;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
  }
  .menu-button {
    background-size: 0.75em 0.375em;
  }
  [role='menu'] {
    position: absolute;
    inset-block-start: 2em;
    inset-inline-end: 0;
    z-index: 3;
    display: flex;
    flex-direction: column;
    min-inline-size: 12em;
    padding: var(--mb-space-2xs);
    background: var(--mb-color-surface);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-m);
    box-shadow: var(--mb-shadow-m);
  }
  [aria-disabled='true'] {
    color: var(--mb-color-muted);
    cursor: default;
  }
  .panel {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--mb-space-xs);
    margin-block-end: var(--mb-space-m);
    padding: var(--mb-space-s) var(--mb-space-m);
    border: var(--mb-border-width) dashed var(--mb-color-border);
    border-radius: var(--mb-widget-grid-radius, var(--mb-radius-m));
    /* Its texts sit on our surface, not the page's: readable in every theme on any page. */
    background: var(--mb-widget-grid-cell-surface, var(--mb-color-surface));
  }
  .panel button {
    border: var(--mb-border-width) solid var(--mb-color-border);
  }
  ul {
    display: contents;
  }
  li {
    list-style: none;
  }
  .title {
    font-weight: var(--mb-font-weight-strong);
  }
  .reset {
    margin-inline-start: auto;
  }
`;
