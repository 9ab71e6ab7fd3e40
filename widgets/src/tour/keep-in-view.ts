/** Keys that scroll the page: pressed outside the tour, they mean the visitor scrolls on their own. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' ']);
const INTENT_EVENTS = ['wheel', 'touchmove', 'pointerdown', 'keydown'] as const;

/**
 * Scrolls `anchor` into view (nearest edge, instantly) and keeps it there while the page settles: when content
 * loading above it (a dashboard's widgets, images) pushes it out of the viewport, it is scrolled back — until the
 * visitor scrolls, clicks or presses a scroll key outside `host` themselves; from then on the page is theirs.
 * Returns the function that stops watching.
 */
export function keepInView(anchor: Element, host: Element): () => void {
  const bring = () => anchor.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  bring();
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => !entry.isIntersecting)) bring();
  });
  observer.observe(anchor);
  const onIntent = (event: Event) => {
    if (event.composedPath().includes(host)) return;
    if (event instanceof KeyboardEvent && !SCROLL_KEYS.has(event.key)) return;
    stop();
  };
  const stop = () => {
    observer.disconnect();
    for (const type of INTENT_EVENTS) removeEventListener(type, onIntent, true);
  };
  for (const type of INTENT_EVENTS) addEventListener(type, onIntent, { capture: true, passive: true });
  return stop;
}
