/** `matbakh-next-best-action.js`: `<mb-next-best-action>` and the rules plugin that picks the action. */
import './use-rules.ts';
import '../next-best-action/next-best-action.ts';
