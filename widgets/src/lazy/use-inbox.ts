import { inboxPlugin } from '@matbakh/sdk/inbox';
import { install } from './install.ts';

// A module of its own: imported before the element's, so the plugin is there on the element's first render.
install(inboxPlugin());
