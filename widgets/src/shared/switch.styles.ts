import { type CSSResult, css } from 'lit';

/**
 * A native checkbox drawn as a switch: `<input type="checkbox" role="switch" class="switch">`. Native, so
 * Space toggles it, forms and labels work and assistive technology announces "switch, on/off".
 * Component tokens: `--mb-switch-track`, `--mb-switch-track-on`, `--mb-switch-thumb`, `--mb-switch-thumb-on`.
 * The thumb is `::before`, moved by `inset-inline-start` (so it follows `dir`); under forced colours the
 * thumb and the "on" track take system colours. Written compactly: it ships in the script tag.
 */
export const switchStyles: CSSResult = css`
.switch{appearance:none;flex:none;position:relative;margin:0;inline-size:2.75em;block-size:1.5em;border-radius:999px;border:var(--mb-border-width) solid var(--mb-color-border);background:var(--mb-switch-track,var(--mb-color-surface));cursor:pointer;transition:background-color var(--mb-motion-duration-s) var(--mb-motion-easing)}
.switch::before{content:'';position:absolute;inset-block-start:50%;inset-inline-start:.1875em;inline-size:1em;block-size:1em;border-radius:50%;background:var(--mb-switch-thumb,var(--mb-color-muted));transform:translateY(-50%);transition:inset-inline-start var(--mb-motion-duration-s) var(--mb-motion-easing),background-color var(--mb-motion-duration-s) var(--mb-motion-easing)}
.switch:checked{background:var(--mb-switch-track-on,var(--mb-color-primary));border-color:var(--mb-switch-track-on,var(--mb-color-primary))}
.switch:checked::before{inset-inline-start:calc(100% - 1.1875em);background:var(--mb-switch-thumb-on,var(--mb-color-on-primary))}
.switch:disabled{cursor:not-allowed;opacity:.7}
@media(forced-colors:active){.switch::before{background:CanvasText}.switch:checked{background:Highlight}}
`;
