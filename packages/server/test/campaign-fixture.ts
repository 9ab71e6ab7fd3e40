/** A valid campaign input (every part used), for the validation, API and console tests. */
export const validCampaign = () => ({
  name: 'Wir vermissen Sie',
  topic: 'promotions',
  trigger: { kind: 'lapsed', days: 14, minOrders: 3 },
  audience: [
    { field: 'orders.count', op: 'gte', value: 3 },
    { field: 'trait.city', op: 'in', value: ['Berlin', 'Hamburg'] },
    { field: 'preference.language', op: 'exists' },
  ],
  content: {
    de: { title: 'Hallo {firstName}', body: 'Ihr {dish} bei {restaurant} wartet.', url: 'https://shop.example/menu' },
    en: { title: 'Hello {firstName}', body: 'Your {dish} at {restaurant} is waiting.' },
  },
  channels: ['push', 'email', 'in_app'],
  frequencyCap: { sends: 1, days: 7 },
  holdout: 0.1,
});
