/** `matbakh-push-optin.js`: `<mb-push-optin>` and the push plugin it asks (subscribe with the tenant's VAPID key). */
import './use-push.ts';
import '../push-optin/push-optin.ts';
