import { css } from 'lit';

/**
 * `<mb-search>`: a text field and its popup listbox, on the `--mb-search-*` tier over the system tokens. The `:host`
 * rule reads the `--mb-host-*` names (the public ones exist only below the host: tokens.ts).
 */
export const styles = css`
:host{display:block;position:relative;
--_surface:var(--mb-search-surface,var(--mb-host-color-surface));--_text:var(--mb-search-text,var(--mb-host-color-text));
--_muted:var(--mb-search-muted,var(--mb-host-color-muted));--_border:var(--mb-search-border,var(--mb-host-color-border));
--_radius:var(--mb-search-radius,var(--mb-host-radius-m));--_active:var(--mb-search-active,var(--mb-host-color-focus));
--_mark:var(--mb-search-mark,var(--mb-host-color-primary))}
[part=base]{position:relative;color:var(--_text);font:inherit}
[part=input]{box-sizing:border-box;inline-size:100%;padding:var(--mb-space-s) var(--mb-space-m);font:inherit;color:var(--_text);
background:var(--_surface);border:1px solid var(--_border);border-radius:var(--_radius)}
[part=input]:focus-visible{outline:2px solid var(--_active);outline-offset:2px}
[part=popup]{position:absolute;inset-inline:0;inset-block-start:calc(100% + var(--mb-space-2xs));z-index:var(--mb-search-z-index,10);
background:var(--_surface);border:1px solid var(--_border);border-radius:var(--_radius);box-shadow:var(--mb-search-shadow,var(--mb-shadow-m));
max-block-size:var(--mb-search-max-height,24em);overflow:auto;padding-block:var(--mb-space-2xs)}
[part=popup][hidden]{display:none}
[part~=group-label]{padding:var(--mb-space-xs) var(--mb-space-m) 0;font-size:var(--mb-font-size-s);color:var(--_muted)}
[part~=option]{display:flex;gap:var(--mb-space-s);align-items:baseline;justify-content:space-between;padding:var(--mb-space-xs) var(--mb-space-m);cursor:pointer}
[part~=option][aria-selected=true]{outline:2px solid var(--_active);outline-offset:-2px}
[part~=option]:hover{background:color-mix(in srgb,var(--_active) 8%,transparent)}
[part~=meta]{font-size:var(--mb-font-size-s);color:var(--_muted)}
mark{background:none;color:inherit;font-weight:700;text-decoration:underline;text-decoration-color:var(--_mark);text-underline-offset:.2em}
[part=clear-recent]{display:block;margin:var(--mb-space-2xs) var(--mb-space-m);padding:var(--mb-space-2xs) var(--mb-space-s);font:inherit;
font-size:var(--mb-font-size-s);color:var(--_text);background:none;border:1px solid var(--_border);border-radius:var(--_radius);cursor:pointer}
[part=clear-recent]:focus-visible{outline:2px solid var(--_active);outline-offset:2px}
[part=filters]{display:flex;flex-wrap:wrap;gap:var(--mb-space-2xs);margin-block-start:var(--mb-space-2xs)}
[part=filter]{display:inline-flex;gap:var(--mb-space-2xs);align-items:center;padding:var(--mb-space-3xs,.125em) var(--mb-space-s);font:inherit;
font-size:var(--mb-font-size-s);color:var(--_text);background:var(--_surface);border:1px solid var(--_border);border-radius:999px;cursor:pointer}
[part=filter]:focus-visible{outline:2px solid var(--_active);outline-offset:2px}
[part=status]{padding:var(--mb-space-s) var(--mb-space-m);color:var(--_muted)}
@media (forced-colors:active){[part~=option][aria-selected=true]{outline-color:Highlight}mark{text-decoration-color:Mark}}
`;
