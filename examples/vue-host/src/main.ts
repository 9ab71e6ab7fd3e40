import { createClient } from '@matbakh/sdk';
import { type PrivacyClient, privacyPlugin } from '@matbakh/sdk/privacy';
import '@matbakh/widgets/consent-banner/consent-banner.ts';
import '@matbakh/widgets/privacy-center/privacy-center.ts';
import { createApp, markRaw } from 'vue';
import App from './App.vue';

const api = document.querySelector<HTMLMetaElement>('meta[name="matbakh-api"]')?.content;
// markRaw: the client is handed to the widgets as is, never wrapped in a Vue proxy.
const client = markRaw(
  createClient({ writeKey: 'pk_demo_partner_site', api, plugins: [privacyPlugin()] }) as PrivacyClient,
);
client.page('Vue host');

createApp(App, { client }).mount('#app');
