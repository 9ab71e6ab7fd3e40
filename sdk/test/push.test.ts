import { expect } from '@esm-bundle/chai';
import { base64urlBytes } from '../src/push/index.ts';
import {
  clickNotification,
  type NotificationLike,
  readPayload,
  showPush,
  type WorkerScopeLike,
} from '../src/push/service-worker-logic.ts';

/** A stand-in for the service worker's global scope: what it shows, opens, focuses and fetches. */
function workerScope(
  openTabs: string[] = [],
  href = 'https://shop.example/matbakh-sw.js?api=https%3A%2F%2Fapi.example&writeKey=pk_shop',
) {
  const shown: Array<{ title: string; options: { body: string; tag?: string; data: unknown } }> = [];
  const opened: string[] = [];
  const focused: string[] = [];
  const fetched: Array<{ url: string; init: RequestInit }> = [];
  const scope: WorkerScopeLike = {
    location: { href },
    registration: {
      showNotification: async (title, options) => {
        shown.push({ title, options });
      },
    },
    clients: {
      matchAll: async () =>
        openTabs.map((url) => ({
          url,
          focus: async () => {
            focused.push(url);
          },
        })),
      openWindow: async (url) => {
        opened.push(url);
      },
    },
    fetch: async (url, init) => {
      fetched.push({ url, init });
    },
  };
  return { scope, shown, opened, focused, fetched };
}

function notification(data: unknown): NotificationLike & { closed: boolean } {
  return {
    data,
    closed: false,
    close() {
      this.closed = true;
    },
  };
}

describe('matbakh-sw.js: the service worker’s logic', () => {
  it('a push shows the payload’s title and body, tagged, with the link and delivery kept for the click', async () => {
    const { scope, shown } = workerScope();
    const payload = {
      title: 'Ihr Essen ist unterwegs',
      body: 'Noch 10 Minuten',
      url: '/orders/7',
      deliveryId: 42,
      token: 'kSu1lR8nqVhW0mJ8yL2c6A',
      tag: 'cmp-1',
    };
    await showPush(scope, JSON.stringify(payload));
    expect(shown).to.deep.equal([
      {
        title: 'Ihr Essen ist unterwegs',
        options: {
          body: 'Noch 10 Minuten',
          tag: 'cmp-1',
          data: { deliveryId: 42, token: 'kSu1lR8nqVhW0mJ8yL2c6A', url: 'https://shop.example/orders/7' },
        },
      },
    ]);
  });

  it('a link that is not http(s) is dropped; a payload that is not the contract’s shows nothing', async () => {
    const { scope, shown } = workerScope();
    await showPush(scope, JSON.stringify({ title: 'T', body: 'B', url: 'javascript:alert(1)', deliveryId: 1 }));
    expect(shown[0]!.options.data).to.deep.equal({ deliveryId: 1 });
    for (const bad of [undefined, '', 'not json', '{"title":"T"}', '{"title":"T","body":"B","deliveryId":"1"}']) {
      await showPush(scope, bad);
    }
    expect(shown).to.have.length(1);
    expect(readPayload('{"title":"T","body":"B","deliveryId":1.5}')).to.equal(undefined);
  });

  it('a click closes the notification, opens the link and sends the click beacon with the write key and the delivery’s token', async () => {
    const { scope, opened, fetched } = workerScope();
    const clicked = notification({
      deliveryId: 42,
      token: 'kSu1lR8nqVhW0mJ8yL2c6A',
      url: 'https://shop.example/orders/7',
    });
    await clickNotification(scope, clicked);
    expect(clicked.closed).to.equal(true);
    expect(opened).to.deep.equal(['https://shop.example/orders/7']);
    expect(fetched.map((f) => [f.url, f.init.method, f.init.credentials])).to.deep.equal([
      ['https://api.example/v1/messages/42/clicked?writeKey=pk_shop&token=kSu1lR8nqVhW0mJ8yL2c6A', 'POST', 'omit'],
    ]);
  });

  it('a notification without a token (an older server’s payload) still opens its link, and sends no beacon', async () => {
    const { scope, opened, fetched } = workerScope();
    await clickNotification(scope, notification({ deliveryId: 42, url: 'https://shop.example/orders/7' }));
    expect(opened).to.deep.equal(['https://shop.example/orders/7']);
    expect(fetched).to.deep.equal([]);
  });

  it('a tab already showing the link is focused instead of opening another', async () => {
    const { scope, opened, focused } = workerScope(['https://shop.example/', 'https://shop.example/orders/7']);
    await clickNotification(scope, notification({ deliveryId: 1, url: 'https://shop.example/orders/7' }));
    expect(focused).to.deep.equal(['https://shop.example/orders/7']);
    expect(opened).to.deep.equal([]);
  });

  it('data altered to a javascript: link opens nothing; without api/writeKey no beacon is sent', async () => {
    const { scope, opened, fetched } = workerScope([], 'https://shop.example/matbakh-sw.js');
    await clickNotification(scope, notification({ deliveryId: 1, url: 'javascript:alert(1)' }));
    expect(opened).to.deep.equal([]);
    expect(fetched).to.deep.equal([]);
  });

  it('a failing beacon does not keep the link from opening', async () => {
    const { scope, opened } = workerScope();
    scope.fetch = () => Promise.reject(new TypeError('offline'));
    await clickNotification(
      scope,
      notification({ deliveryId: 3, token: 'kSu1lR8nqVhW0mJ8yL2c6A', url: 'https://shop.example/' }),
    );
    expect(opened).to.deep.equal(['https://shop.example/']);
  });
});

describe('pushPlugin helpers', () => {
  it('base64urlBytes decodes the VAPID key as pushManager.subscribe wants it', () => {
    const bytes = new Uint8Array(65).map((_, i) => (i * 37) & 0xff);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    const text = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect([...base64urlBytes(text)]).to.deep.equal([...bytes]);
  });
});
