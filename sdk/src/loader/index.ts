/**
 * Entry of the core script-tag bundle:
 *   <script async src=".../matbakh.js" data-write-key="pk_…" data-api="https://…"></script>
 * Safe to load twice (or two versions): the first one to run owns `window.matbakh`, later ones do nothing.
 */
import { boot } from './boot.ts';

export type { MatbakhGlobal } from './global.ts';

boot();
