/** `matbakh-inbox.js`: `<mb-inbox>` and the inbox plugin (list, read state, the live stream). */
import './use-inbox.ts';
import '../inbox/inbox.ts';
