/** Callbacks waiting for a tag; one `whenDefined` per tag, and a dashboard that goes away unsubscribes. */
const waiting = new Map<string, Set<() => void>>();

/** Calls `callback` once `tag` is defined; returns the unsubscribe. */
export function onDefined(tag: string, callback: () => void): () => void {
  let callbacks = waiting.get(tag);
  if (!callbacks) {
    const created = new Set<() => void>();
    callbacks = created;
    waiting.set(tag, created);
    void customElements.whenDefined(tag).then(() => {
      waiting.delete(tag);
      for (const notify of created) notify();
    });
  }
  callbacks.add(callback);
  const current = callbacks;
  return () => current.delete(callback);
}

/** @internal For the leak test: callbacks still waiting for a tag to be defined. */
export function pendingTagWaits(): number {
  let count = 0;
  for (const callbacks of waiting.values()) count += callbacks.size;
  return count;
}
