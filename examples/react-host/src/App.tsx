import type { PrivacyClient } from '@matbakh/sdk/privacy';
import type { ConsentChangeDetail } from '@matbakh/widgets/shared/consent-events.ts';
import { useState } from 'react';

export function App({ client }: { client: PrivacyClient }) {
  const [changes, setChanges] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [closedBy, setClosedBy] = useState('');
  const onConsentChange = (event: CustomEvent<ConsentChangeDetail>) =>
    setChanges((list) => [...list, `${event.detail.source}:${event.detail.action}`]);

  return (
    <main>
      <h1>React host</h1>
      <p>
        <button type="button" onClick={() => client.track('Product Added', { product_id: 'd-falafel' })}>
          In den Warenkorb
        </button>{' '}
        <button type="button" onClick={() => setOpen(true)}>
          Datenschutz-Einstellungen
        </button>
      </p>
      <p>
        Entscheidungen: <output data-testid="changes">{changes.join(', ')}</output>
      </p>
      <p>
        Geschlossen durch: <output data-testid="closed-by">{closedBy}</output>
      </p>
      <mb-consent-banner client={client} theme="brand-example" onmb-consent-change={onConsentChange} />
      <mb-privacy-center
        client={client}
        mode="dialog"
        open={open}
        onmb-consent-change={onConsentChange}
        onmb-privacy-close={(event) => {
          setOpen(false);
          setClosedBy(event.detail.reason);
        }}
      />
    </main>
  );
}
