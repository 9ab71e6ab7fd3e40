/** What popover.ts uses of floating-ui: the module it fetches on first use (only these, not the whole package). */
export { arrow, autoUpdate, computePosition, flip, hide, offset, shift } from '@floating-ui/dom';
