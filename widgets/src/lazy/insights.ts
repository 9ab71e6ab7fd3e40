/** `matbakh-insights.js`: `<mb-insights>` and the insights plugin. */
import './use-insights.ts';
import '../insights/insights.ts';
