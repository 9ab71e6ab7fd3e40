import { type CSSResult, css } from 'lit';

/**
 * Component tier of `<mb-consent-banner>`: every value is `var(--mb-consent-banner-*, var(--mb-…system…))`.
 * Accept and Reject share one rule (`.choice`) and one set of tokens, so they cannot drift apart in prominence.
 *
 * Written one rule per line (it ships in the script tag every partner page loads). What the rules do:
 * - the host reserves no space in the page (`display: contents`): everything visible is `position: fixed`;
 * - `.bar`: fixed to the bottom, non-modal, centred, never wider than its max width;
 * - `.backdrop` + `.dialog`: centred over a backdrop that covers (and blocks) the page;
 * - `.choices`: Accept and Reject in one grid of equal columns — same size, same weight, same layer;
 * - `.toast`: after a decision made offline, a quiet notice where the bar was, until dismissed;
 * - the entry animation is off under `prefers-reduced-motion` (the duration token is 0 there too).
 */
export const styles: CSSResult = css`
:host{display:contents}
.panel{position:fixed;z-index:var(--mb-consent-banner-z-index,2147483000);overflow:auto;overscroll-behavior:contain;padding:var(--mb-consent-banner-padding,var(--mb-space-l));background:var(--mb-consent-banner-surface,var(--mb-color-surface));color:var(--mb-consent-banner-text,var(--mb-color-text));border:var(--mb-border-width) solid var(--mb-consent-banner-border,var(--mb-color-border));border-radius:var(--mb-consent-banner-radius,var(--mb-radius-l));box-shadow:var(--mb-consent-banner-shadow,var(--mb-shadow-l));animation:enter var(--mb-motion-duration-l) var(--mb-motion-easing)}
.bar{inset-inline:var(--mb-consent-banner-inset,var(--mb-space-m));inset-block-end:var(--mb-consent-banner-inset,var(--mb-space-m));margin-inline:auto;max-inline-size:var(--mb-consent-banner-max-width,64em);max-block-size:calc(100vh - 2*var(--mb-consent-banner-inset,var(--mb-space-m)))}
.backdrop{position:fixed;inset:0;z-index:var(--mb-consent-banner-z-index,2147483000);display:grid;place-items:center;padding:var(--mb-space-m);background:var(--mb-consent-banner-backdrop,rgb(23 21 19/.6))}
.dialog{position:relative;z-index:auto;inline-size:100%;max-inline-size:var(--mb-consent-banner-dialog-width,38em);max-block-size:calc(100vh - 2*var(--mb-space-m))}
@keyframes enter{from{opacity:0;transform:translateY(.5em)}}
@media(prefers-reduced-motion:reduce){.panel{animation:none}}
h2,h3{margin:0 0 var(--mb-space-xs);line-height:var(--mb-line-height-tight)}
h2{font-size:var(--mb-consent-banner-title-size,var(--mb-font-size-l))}
h2:focus,.panel:focus{outline:none}
h3{font-size:var(--mb-font-size-m)}
p{margin:0 0 var(--mb-space-s)}
.reason{font-weight:var(--mb-font-weight-strong)}
.note{font-size:var(--mb-font-size-s);color:var(--mb-color-muted);padding-inline-start:var(--mb-space-s);border-inline-start:3px solid var(--mb-color-border)}
.error{border-inline-start-color:var(--mb-color-danger);color:var(--mb-color-text)}
.links{display:flex;flex-wrap:wrap;align-items:baseline;gap:var(--mb-space-xs) var(--mb-space-l);margin-block-end:var(--mb-space-m);font-size:var(--mb-font-size-s)}
a,.linklike{color:var(--mb-consent-banner-link,var(--mb-color-text));text-decoration:underline;text-underline-offset:.15em}
.linklike{appearance:none;min-block-size:0;background:none;border:0;padding:0;font-weight:inherit}
.actions{display:flex;flex-wrap:wrap;gap:var(--mb-space-s)}
.choices{flex:1 1 20em;display:grid;grid-template-columns:repeat(auto-fit,minmax(9em,1fr));gap:var(--mb-space-s)}
button{cursor:pointer;min-block-size:2.75em;padding:var(--mb-space-xs) var(--mb-space-m);border-radius:var(--mb-consent-banner-button-radius,var(--mb-radius-m));font-weight:var(--mb-font-weight-strong);transition:filter var(--mb-motion-duration-s) var(--mb-motion-easing)}
.choice{background:var(--mb-consent-banner-choice-surface,var(--mb-color-primary));color:var(--mb-consent-banner-choice-text,var(--mb-color-on-primary));border:var(--mb-border-width) solid var(--mb-consent-banner-choice-surface,var(--mb-color-primary))}
.choice:hover{filter:brightness(1.08)}
.secondary{flex:0 1 auto;background:transparent;color:var(--mb-color-text);border:var(--mb-border-width) solid var(--mb-color-border)}
.secondary:hover{background:color-mix(in srgb,var(--mb-color-text) 6%,transparent)}
.categories{margin-block-start:var(--mb-space-m);padding-block-start:var(--mb-space-m);border-block-start:var(--mb-border-width) solid var(--mb-color-border)}
ul{list-style:none;margin:0;padding:0}
.category{padding-block:var(--mb-space-s)}
.category+.category{border-block-start:var(--mb-border-width) solid color-mix(in srgb,var(--mb-color-border) 50%,transparent)}
.category-head{display:flex;align-items:center;gap:var(--mb-space-s);font-weight:var(--mb-font-weight-strong)}
label{flex:1;cursor:pointer}
.always{font-size:var(--mb-font-size-xs);font-weight:var(--mb-font-weight-regular);color:var(--mb-color-muted)}
.category-description,.services{margin:var(--mb-space-2xs) 0 0;font-size:var(--mb-font-size-s);color:var(--mb-color-muted)}
.services li::before{content:'· '}
.save-row{margin-block-start:var(--mb-space-s);display:flex}
.toast{position:fixed;z-index:var(--mb-consent-banner-z-index,2147483000);inset-block-end:var(--mb-consent-banner-inset,var(--mb-space-m));inset-inline-end:var(--mb-consent-banner-inset,var(--mb-space-m));max-inline-size:min(28em,calc(100vw - 2*var(--mb-space-m)))}
.toast>div{display:flex;align-items:center;gap:var(--mb-space-s);padding:var(--mb-space-s) var(--mb-space-m);font-size:var(--mb-font-size-s);background:var(--mb-consent-banner-surface,var(--mb-color-surface));border:var(--mb-border-width) solid var(--mb-color-border);border-radius:var(--mb-radius-m);box-shadow:var(--mb-shadow-m)}
.toast button{min-block-size:2.25em}
`;
