/** `matbakh-search.js`: `<mb-search>` and the search plugin it asks (the server, or the on-device index). */
import './use-search.ts';
import '../search/search.ts';
