/**
 * An in-memory {@link InboxClient} for tests and stories: the SDK inbox plugin's `$inbox` state in a nanostores
 * atom, with `push()` standing in for the stream. Listening starts it like the plugin does (`onMount`): `status`
 * goes from `loading` to the given state; `listeners` counts the subscriptions (the leak test reads it).
 *
 * ```ts
 * const client = createFakeInboxClient({ items: sampleInboxItems('en') });
 * client.push({ id: 99, topic: 'health_alerts', title: 'Orders fell', body: '…', createdAt, readAt: null });
 * ```
 */
import type { InboxItem, Locale } from '@matbakh/contract';
import { atom, onMount } from 'nanostores';
import type { InboxClient, InboxView } from '../src/inbox/inbox-client.ts';

export interface FakeInboxOptions {
  items?: InboxItem[];
  /** The state once "loaded" (default `ready`); `loading` stays loading. */
  status?: InboxView['status'];
  hasMore?: boolean;
}

export interface FakeInboxClient extends InboxClient {
  /** A new item as the stream would bring it. */
  push(item: InboxItem): void;
  readonly calls: { markRead: number[][]; markAllRead: number; refresh: number; more: number };
  readonly mounted: () => boolean;
}

const TEXTS: Record<Locale, [string, string][]> = {
  en: [
    ['Far fewer orders on Tuesday', 'Orders fell 40% against your usual Tuesday. Check your opening hours.'],
    ['Your weekly report is ready', 'Revenue is 12% above the week before.'],
    ['Ramadan starts next week', 'Guests order later in the evening: consider an iftar menu.'],
  ],
  de: [
    ['Deutlich weniger Bestellungen am Dienstag', 'Die Bestellungen lagen 40 % unter Ihrem üblichen Dienstag.'],
    ['Ihr Wochenbericht ist da', 'Der Umsatz liegt 12 % über der Vorwoche.'],
    ['Ramadan beginnt nächste Woche', 'Gäste bestellen abends später: vielleicht ein Iftar-Menü?'],
  ],
  ar: [
    ['طلبات أقل بكثير يوم الثلاثاء', 'انخفضت الطلبات بنسبة 40٪ مقارنة بيوم الثلاثاء المعتاد.'],
    ['تقريرك الأسبوعي جاهز', 'الإيرادات أعلى بنسبة 12٪ من الأسبوع السابق.'],
    ['رمضان يبدأ الأسبوع القادم', 'يطلب الضيوف في وقت متأخر من المساء: ما رأيك بقائمة إفطار؟'],
  ],
};

/** Three items (newest first): an unread health alert with a link, an unread report, a read seasonal tip. */
export function sampleInboxItems(locale: Locale = 'en'): InboxItem[] {
  const [alert, report, season] = TEXTS[locale];
  return [
    {
      id: 3,
      topic: 'health_alerts',
      title: alert![0],
      body: alert![1],
      url: 'https://owner.example/insights',
      createdAt: '2025-03-04T09:30:00.000Z',
      readAt: null,
    },
    {
      id: 2,
      topic: 'reports',
      title: report![0],
      body: report![1],
      createdAt: '2025-03-03T07:00:00.000Z',
      readAt: null,
    },
    {
      id: 1,
      topic: 'seasonal',
      title: season![0],
      body: season![1],
      createdAt: '2025-02-27T07:00:00.000Z',
      readAt: '2025-02-27T08:00:00.000Z',
    },
  ];
}

export function createFakeInboxClient(options: FakeInboxOptions = {}): FakeInboxClient {
  const loaded = (items: InboxItem[]): InboxView => ({
    status: options.status ?? 'ready',
    items,
    unread: items.filter((i) => i.readAt === null).length,
    live: options.status === 'ready' || options.status === undefined ? 'stream' : 'off',
    hasMore: options.hasMore ?? false,
  });
  const $inbox = atom<InboxView>({ status: 'idle', items: [], unread: 0, live: 'off', hasMore: false });
  let mounted = false;
  onMount($inbox, () => {
    mounted = true;
    $inbox.set({ ...$inbox.get(), status: 'loading' });
    if (options.status !== 'loading') $inbox.set(loaded(options.items ?? []));
    return () => {
      mounted = false;
    };
  });
  const calls = { markRead: [] as number[][], markAllRead: 0, refresh: 0, more: 0 };
  const read = (hit: (item: InboxItem) => boolean) => {
    const items = $inbox
      .get()
      .items.map((i) => (hit(i) && i.readAt === null ? { ...i, readAt: new Date(0).toISOString() } : i));
    $inbox.set({ ...$inbox.get(), items, unread: items.filter((i) => i.readAt === null).length });
  };
  return {
    inbox: {
      $inbox,
      refresh: async () => {
        calls.refresh++;
      },
      more: async () => {
        calls.more++;
      },
      markRead: async (ids) => {
        calls.markRead.push([...ids]);
        read((i) => ids.includes(i.id));
      },
      markAllRead: async () => {
        calls.markAllRead++;
        read(() => true);
      },
    },
    push(item) {
      const items = [item, ...$inbox.get().items];
      $inbox.set({ ...$inbox.get(), status: 'ready', items, unread: items.filter((i) => i.readAt === null).length });
    },
    calls,
    mounted: () => mounted,
  };
}
