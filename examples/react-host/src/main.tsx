import { createClient } from '@matbakh/sdk';
import { type PrivacyClient, privacyPlugin } from '@matbakh/sdk/privacy';
// Define the elements before React renders them: React 19 then sets `client` and `open` as properties.
import '@matbakh/widgets/consent-banner/consent-banner.ts';
import '@matbakh/widgets/privacy-center/privacy-center.ts';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const api = document.querySelector<HTMLMetaElement>('meta[name="matbakh-api"]')?.content;
// A client of the app's own (bundler install): no window.matbakh; the widgets get it as a property.
const client = createClient({ writeKey: 'pk_demo_partner_site', api, plugins: [privacyPlugin()] }) as PrivacyClient;
client.page('React host');

createRoot(document.getElementById('root')!).render(<App client={client} />);
