/** `matbakh-preference-panel.js`: `<mb-preference-panel>`. */
import './use-preferences.ts';
import '../preference-panel/preference-panel.ts';
