import {
  type CSSResult,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
  unsafeCSS,
} from 'lit';
import { dirOf, type Locale } from './i18n.ts';
import { anchorFloating } from './popover.ts';

/**
 * What `<mb-next-best-action>` and `<mb-tour>` share: a card that floats beside a host element (or sits inline),
 * its styles, its frame template and the floating-ui lifecycle. One copy for both keeps their code small.
 */

/** Lit properties of every popover card: its client (duck-typed), `theme` and `lang` like the banner. */
export const cardProperties = {
  client: { attribute: false },
  theme: { type: String, reflect: true },
  lang: { type: String, reflect: true },
} as const;

/**
 * The card's component tier, `var(--mb-<p>-*, var(--mb-…system…))`, for the widget prefix `p` (`nba`, `tour`):
 * the public custom properties keep each widget's names. `width` and `primary` name the two that differ
 * (`--mb-nba-popover-width` / `--mb-tour-width`, `--mb-nba-cta-*` / `--mb-tour-next-*`).
 * Root `.card` (`.popover` when floating), `.arrow`, `h2`, `p`, `.muted`, `.actions`, buttons and `.primary`.
 */
export function cardStyles(p: string, width: string, primary: string): CSSResult {
  const v = (name: string, fallback: string) => `var(--mb-${p}-${name},var(--mb-${fallback}))`;
  return unsafeCSS(`
:host{display:block}
:host([hidden]){display:none}
.card{padding:${v('padding', 'space-m')};background:${v('surface', 'color-surface')};color:${v('text', 'color-text')};border:var(--mb-border-width) solid ${v('border', 'color-border')};border-radius:${v('radius', 'radius-m')}}
.popover{z-index:var(--mb-${p}-z-index,2147482000);inline-size:max-content;max-inline-size:min(var(--mb-${p}-${width},22em),calc(100vw - 16px));box-shadow:${v('shadow', 'shadow-l')}}
.arrow{position:absolute;inline-size:.75em;block-size:.75em;background:inherit;border:inherit;transform:rotate(45deg);pointer-events:none}
h2{margin:0 0 var(--mb-space-2xs);font-size:var(--mb-font-size-m);font-weight:var(--mb-font-weight-strong)}
p{margin:0}
.muted{color:${v('muted', 'color-muted')};font-size:var(--mb-font-size-s)}
.actions{display:flex;flex-wrap:wrap;gap:var(--mb-space-xs);margin-block-start:var(--mb-space-s)}
button,.primary{font:inherit;padding:var(--mb-space-2xs) var(--mb-space-s);border-radius:${v('button-radius', 'radius-s')};border:var(--mb-border-width) solid var(--mb-color-border);background:none;color:inherit;cursor:pointer;text-decoration:none}
.primary{background:${v(`${primary}-surface`, 'color-primary')};color:${v(`${primary}-text`, 'color-on-primary')};border-color:transparent}
:focus-visible{outline:var(--mb-focus-ring-width) solid var(--mb-color-focus);outline-offset:var(--mb-focus-ring-offset)}
`);
}

/**
 * The card's frame: a non-modal dialog when `floating` (with its arrow), else a region; labelled by the `title`
 * heading and described by the elements `describedBy` names (ids are scoped to the shadow root). `onKeydown`
 * runs with the host as `this`.
 */
export function card(
  floating: boolean,
  locale: Locale,
  describedBy: string,
  onKeydown: (event: KeyboardEvent) => void,
  content: TemplateResult,
  kind?: string,
): TemplateResult {
  return html`<section class="card ${floating ? 'popover' : ''}" part="base" role=${floating ? 'dialog' : 'region'} aria-modal=${floating ? 'false' : nothing} aria-labelledby="title" aria-describedby=${describedBy} data-kind=${kind ?? nothing} lang=${locale} dir=${dirOf(locale)} @keydown=${onKeydown}>${floating ? html`<div class="arrow" part="arrow"></div>` : nothing}${content}</section>`;
}

/**
 * Keeps a card floating below its anchor (floating-ui, `fixed`, flips and shifts, inside the viewport even when
 * that means covering part of a tall anchor, its `.arrow` pointing at the anchor) while both exist; stops when either goes and when the host is disconnected.
 */
export class Anchoring implements ReactiveController {
  private stops: (() => void)[] = [];
  private pair: [HTMLElement, Element] | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A card is following an anchor now. */
  get active(): boolean {
    return this.pair !== undefined;
  }

  /**
   * Call after each render. `also` starts more followers of the same anchor (e.g. a highlight ring) and
   * returns their cleanup.
   */
  follow(
    floating: HTMLElement | null,
    anchor: Element | null | undefined,
    also?: (anchor: Element) => () => void,
  ): void {
    if (floating && anchor && this.pair?.[0] === floating && this.pair[1] === anchor) return;
    this.hostDisconnected();
    if (!floating || !anchor) return;
    this.pair = [floating, anchor];
    const arrow = floating.querySelector<HTMLElement>('.arrow') ?? undefined;
    // A page-level card must be readable: inside the viewport even beside an anchor taller than it.
    this.stops = [anchorFloating(floating, anchor, { strategy: 'fixed', arrow, overlap: true })];
    if (also) this.stops.push(also(anchor));
  }

  hostDisconnected(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    this.pair = undefined;
  }
}
