import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCampaignInput } from '@matbakh/contract';
import { validCampaign } from './campaign-fixture.ts';

type Mutate = (c: ReturnType<typeof validCampaign>) => unknown;

describe('validateCampaignInput', () => {
  it('accepts a complete campaign and normalises it', () => {
    const raw = validCampaign();
    raw.name = '  Wir vermissen Sie  ';
    const result = validateCampaignInput(raw);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.name, 'Wir vermissen Sie');
    assert.equal(result.value.content.de?.url, 'https://shop.example/menu');
    assert.deepEqual(result.value.channels, ['push', 'email', 'in_app']);
  });

  it('takes a missing audience as everyone and a missing holdout as 0', () => {
    const { audience: _a, holdout: _h, ...raw } = validCampaign();
    const result = validateCampaignInput(raw);
    assert.ok(result.ok);
    assert.deepEqual(result.value.audience, []);
    assert.equal(result.value.holdout, 0);
  });

  it('accepts every trigger shape', () => {
    for (const trigger of [
      { kind: 'once' },
      { kind: 'schedule', at: '09:30' },
      { kind: 'schedule', at: '18:00', weekday: 7 },
      { kind: 'insight', insight: 'health_alert' },
      { kind: 'lapsed', days: 1, minOrders: 1 },
    ]) {
      const result = validateCampaignInput({ ...validCampaign(), trigger });
      assert.ok(result.ok, JSON.stringify(trigger));
      assert.deepEqual(result.value.trigger, trigger);
    }
  });

  const rejections: Array<[string, Mutate, string, RegExp]> = [
    ['not an object', () => 'x', 'campaign', /object/],
    ['unknown key', (c) => ({ ...c, status: 'running' }), 'campaign.status', /not a campaign setting/],
    ['empty name', (c) => ({ ...c, name: '  ' }), 'campaign.name', /non-empty/],
    ['long name', (c) => ({ ...c, name: 'x'.repeat(101) }), 'campaign.name', /100/],
    ['unknown topic', (c) => ({ ...c, topic: 'spam' }), 'campaign.topic', /promotions/],
    ['trigger kind', (c) => ({ ...c, trigger: { kind: 'hourly' } }), 'campaign.trigger.kind', /lapsed/],
    [
      'lapsed days 0',
      (c) => ({ ...c, trigger: { kind: 'lapsed', days: 0, minOrders: 2 } }),
      'campaign.trigger.days',
      /1 to 365/,
    ],
    [
      'lapsed minOrders missing',
      (c) => ({ ...c, trigger: { kind: 'lapsed', days: 3 } }),
      'campaign.trigger.minOrders',
      /whole/,
    ],
    ['schedule time', (c) => ({ ...c, trigger: { kind: 'schedule', at: '24:00' } }), 'campaign.trigger.at', /HH:MM/],
    [
      'schedule weekday',
      (c) => ({ ...c, trigger: { kind: 'schedule', at: '08:00', weekday: 8 } }),
      'campaign.trigger.weekday',
      /1 to 7/,
    ],
    [
      'insight kind',
      (c) => ({ ...c, trigger: { kind: 'insight', insight: 'x' } }),
      'campaign.trigger.insight',
      /health_alert/,
    ],
    [
      'trigger extra key',
      (c) => ({ ...c, trigger: { kind: 'once', at: '08:00' } }),
      'campaign.trigger.at',
      /not a once trigger/,
    ],
    ['audience not a list', (c) => ({ ...c, audience: {} }), 'campaign.audience', /list/],
    [
      'audience field',
      (c) => ({ ...c, audience: [{ field: 'orders.favourite', op: 'eq', value: 1 }] }),
      'campaign.audience[0].field',
      /trait\.<name>/,
    ],
    [
      'audience op',
      (c) => ({ ...c, audience: [{ field: 'trait.city', op: 'like', value: 'B' }] }),
      'campaign.audience[0].op',
      /exists/,
    ],
    [
      'audience gt text',
      (c) => ({ ...c, audience: [{ field: 'trait.age', op: 'gt', value: '3' }] }),
      'campaign.audience[0].value',
      /number/,
    ],
    [
      'aggregate eq text',
      (c) => ({ ...c, audience: [{ field: 'orders.total', op: 'eq', value: 'a' }] }),
      'campaign.audience[0].value',
      /number/,
    ],
    [
      'in empty',
      (c) => ({ ...c, audience: [{ field: 'trait.city', op: 'in', value: [] }] }),
      'campaign.audience[0].value',
      /1 to 100/,
    ],
    [
      'in object',
      (c) => ({ ...c, audience: [{ field: 'trait.city', op: 'in', value: [{}] }] }),
      'campaign.audience[0].value[0]',
      /text or a number/,
    ],
    [
      'eq missing',
      (c) => ({ ...c, audience: [{ field: 'trait.city', op: 'eq' }] }),
      'campaign.audience[0].value',
      /string, number/,
    ],
    ['no content', (c) => ({ ...c, content: {} }), 'campaign.content', /at least one/],
    ['content locale', (c) => ({ ...c, content: { fr: c.content.de } }), 'campaign.content.fr', /not a locale/],
    [
      'title too long',
      (c) => ({ ...c, content: { de: { title: 'x'.repeat(101), body: 'b' } } }),
      'campaign.content.de.title',
      /100/,
    ],
    [
      'body too long',
      (c) => ({ ...c, content: { de: { title: 't', body: 'x'.repeat(1001) } } }),
      'campaign.content.de.body',
      /1000/,
    ],
    [
      'unknown placeholder',
      (c) => ({ ...c, content: { de: { title: 'Hi {email}', body: 'b' } } }),
      'campaign.content.de.title',
      /\{email\}.*\{firstName\}/,
    ],
    [
      'javascript url',
      (c) => ({ ...c, content: { de: { title: 't', body: 'b', url: 'javascript:alert(1)' } } }),
      'campaign.content.de.url',
      /http\(s\)/,
    ],
    [
      'relative url',
      (c) => ({ ...c, content: { de: { title: 't', body: 'b', url: '/menu' } } }),
      'campaign.content.de.url',
      /absolute/,
    ],
    [
      'content extra key',
      (c) => ({ ...c, content: { de: { title: 't', body: 'b', html: '<b>' } } }),
      'campaign.content.de.html',
      /not a content setting/,
    ],
    ['no channels', (c) => ({ ...c, channels: [] }), 'campaign.channels', /non-empty/],
    ['unknown channel', (c) => ({ ...c, channels: ['sms'] }), 'campaign.channels[0]', /in_app/],
    [
      'repeated channel',
      (c) => ({ ...c, channels: ['push', 'email', 'push'] }),
      'campaign.channels[2]',
      /repeats push/,
    ],
    ['cap missing', (c) => ({ ...c, frequencyCap: undefined }), 'campaign.frequencyCap', /object/],
    ['cap sends 0', (c) => ({ ...c, frequencyCap: { sends: 0, days: 1 } }), 'campaign.frequencyCap.sends', /1 to 100/],
    [
      'cap days fraction',
      (c) => ({ ...c, frequencyCap: { sends: 1, days: 1.5 } }),
      'campaign.frequencyCap.days',
      /whole/,
    ],
    ['holdout above half', (c) => ({ ...c, holdout: 0.51 }), 'campaign.holdout', /0 to 0.5/],
    ['holdout negative', (c) => ({ ...c, holdout: -0.1 }), 'campaign.holdout', /0 to 0.5/],
    ['holdout text', (c) => ({ ...c, holdout: '0.1' }), 'campaign.holdout', /share/],
  ];
  for (const [name, mutate, field, message] of rejections) {
    it(`rejects ${name}, naming ${field}`, () => {
      const result = validateCampaignInput(mutate(validCampaign()));
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.field, field);
      assert.match(result.error.message, message);
    });
  }
});
