import { experimentsPlugin } from '@matbakh/sdk/experiments';
import { rulesPlugin } from '@matbakh/sdk/rules';
import { install } from './install.ts';

// A module of its own: imported before the element's, so the plugins are there on the element's first render.
// Rules may target an experiment's variant (`after: ['experiments']`): without the plugin no visitor is in one.
install(experimentsPlugin(), rulesPlugin());
