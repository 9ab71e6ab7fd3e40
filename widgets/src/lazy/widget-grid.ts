/** `matbakh-widget-grid.js`: `<mb-widget-grid>` alone (the dashboard's file has it too). */
import './use-preferences.ts';
import '../widget-grid/widget-grid.ts';
