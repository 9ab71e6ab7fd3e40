/** `matbakh-tour.js`: `<mb-tour>` and the rules plugin that decides which tour shows. */
import './use-rules.ts';
import '../tour/tour.ts';
