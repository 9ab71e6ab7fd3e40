import { pushPlugin } from '@matbakh/sdk/push';
import { install } from './install.ts';

// A module of its own: imported before the element's, so the plugin is there on the element's first render.
install(pushPlugin());
