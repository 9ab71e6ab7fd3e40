import { registerBuiltInWidget, type WidgetRole } from '../shared/widget-registry.ts';

/** Id of the built-in widget that shows the host page's `slot="orders"` content. */
export const ORDERS_WIDGET = 'orders';

/** Code for a built-in tag, when the page loads widgets lazily (the script-tag bundle provides these). */
export type BuiltInLoaders = Partial<
  Record<'mb-recommendations' | 'mb-next-best-action' | 'mb-insights', () => Promise<unknown>>
>;

let loaders: BuiltInLoaders = {};

/**
 * Registers the dashboard's own widgets (idempotent; `<mb-dashboard>` calls it on connect). Their tags are
 * never imported here: a tag that is not defined yet shows a skeleton until it is (or until its loader from
 * {@link setBuiltInLoaders} defined it).
 */
export function registerBuiltInWidgets(): void {
  registerBuiltInWidget('next-best-action', {
    title: { de: 'Ihr nächster Schritt', en: 'Your next step', ar: 'خطوتك التالية' },
    tag: 'mb-next-best-action',
    // The placements the tenant's rules target (see DEMO_RULES): the guest's home, the owner's home.
    attributes: (role: WidgetRole): Record<string, string> => ({ placement: role === 'owner' ? 'owner-home' : 'home' }),
    load: () => load('mb-next-best-action'),
  });
  registerBuiltInWidget('insights', {
    title: { de: 'Einblicke', en: 'Insights', ar: 'رؤى' },
    tag: 'mb-insights',
    roles: ['owner'],
    span: 2,
    ownHeading: true,
    load: () => load('mb-insights'),
  });
  registerBuiltInWidget('recommendations', {
    title: { de: 'Empfehlungen für Sie', en: 'Recommended for you', ar: 'مقترحات لك' },
    tag: 'mb-recommendations',
    ownHeading: true,
    attributes: (role: WidgetRole): Record<string, string> =>
      role === 'owner' ? { audience: 'owner', 'slot-id': 'owner-home', limit: '3' } : { 'slot-id': 'home', limit: '4' },
    load: () => load('mb-recommendations'),
  });
  registerBuiltInWidget(ORDERS_WIDGET, {
    title: { de: 'Bestellungen', en: 'Orders', ar: 'الطلبات' },
    // Drawn by the dashboard itself: a slot for the host page's `slot="orders"` content.
    render: () => {},
  });
}

/** Tells the built-ins how to load their tags' code (e.g. a lazily fetched file); replaces earlier loaders. */
export function setBuiltInLoaders(next: BuiltInLoaders): void {
  loaders = { ...next };
}

function load(tag: keyof BuiltInLoaders): Promise<unknown> {
  return loaders[tag]?.() ?? Promise.resolve();
}
