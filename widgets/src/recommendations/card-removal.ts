/** How long the fade-out and the glide take. */
const DURATION_MS = 200;

/**
 * Removes a card without a jump: `element` fades out (when `animate`), `remove()` takes it out of the list and
 * resolves after the render, then every other `[data-item]` of `root` glides from where it was to its new place
 * (FLIP). Without animation the removal is instant.
 */
export async function removeWithGlide(
  root: ParentNode,
  element: HTMLElement | null,
  animate: boolean,
  remove: () => Promise<void>,
): Promise<void> {
  const glide = animate && typeof element?.animate === 'function';
  if (glide && element) {
    await element
      .animate(
        [
          { opacity: 1, transform: 'scale(1)' },
          { opacity: 0, transform: 'scale(0.96)' },
        ],
        { duration: DURATION_MS, easing: 'ease-in', fill: 'forwards' },
      )
      .finished.catch(() => undefined);
  }
  const before = new Map<string, DOMRect>();
  for (const other of root.querySelectorAll<HTMLElement>('[data-item]')) {
    before.set(other.dataset.item!, other.getBoundingClientRect());
  }
  await remove();
  if (!glide) return;
  for (const other of root.querySelectorAll<HTMLElement>('[data-item]')) {
    const from = before.get(other.dataset.item!);
    if (!from) continue;
    const to = other.getBoundingClientRect();
    const dx = from.left - to.left;
    const dy = from.top - to.top;
    if (dx || dy) {
      other.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
        duration: DURATION_MS,
        easing: 'ease-out',
      });
    }
  }
}

/**
 * Where focus goes when the focused card was removed: the card now at `index` (in a carousel, its slide becomes
 * current), else, with no card left, "How recommendations work" or "Try again".
 */
export function focusAfterRemoval(
  root: ParentNode,
  index: number,
  carousel: boolean,
  activate: (index: number) => void,
): void {
  if (index < 0) {
    root.querySelector<HTMLElement>('[part~="how"], [part~="retry"]')?.focus();
    return;
  }
  if (carousel) {
    activate(index);
    return;
  }
  root.querySelectorAll<HTMLElement>('mb-recommendation-card')[index]?.focus();
}
