import { expect } from '@open-wc/testing';
import {
  $widgets,
  registerBuiltInWidget,
  registerWidget,
  resetWidgetRegistry,
  unregisterWidget,
  type WidgetDefinition,
  widgetAttributes,
  widgetsFor,
  widgetTitle,
} from './widget-registry.ts';

const render = () => {};

describe('widget registry', () => {
  let warn: typeof console.warn;
  let warnings: string[];
  beforeEach(() => {
    resetWidgetRegistry();
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    resetWidgetRegistry();
  });

  const invalid: [string, unknown, unknown, string][] = [
    ['an id with capitals', 'Orders', { title: 'Orders', render }, 'id'],
    ['a non-string id', 42, { title: 'Orders', render }, 'id'],
    ['no definition', 'orders', null, 'definition'],
    ['an empty title', 'orders', { title: ' ', render }, 'title'],
    ['a title that is a number', 'orders', { title: 3, render }, 'title'],
    ['a title in an unknown locale', 'orders', { title: { fr: 'Commandes' }, render }, 'title.fr'],
    ['neither tag nor render', 'orders', { title: 'Orders' }, 'tag'],
    ['both tag and render', 'orders', { title: 'Orders', tag: 'x-orders', render }, 'tag'],
    ['a tag without a dash', 'orders', { title: 'Orders', tag: 'orders' }, 'tag'],
    ['render that is not a function', 'orders', { title: 'Orders', render: 'draw()' }, 'render'],
    ['load that is not a function', 'orders', { title: 'Orders', render, load: 'x.js' }, 'load'],
    ['span 3', 'orders', { title: 'Orders', render, span: 3 }, 'span'],
    ['an unknown role', 'orders', { title: 'Orders', render, roles: ['admin'] }, 'roles'],
    ['empty roles', 'orders', { title: 'Orders', render, roles: [] }, 'roles'],
    ['attributes with a number', 'orders', { title: 'Orders', tag: 'x-o', attributes: { limit: 3 } }, 'attributes'],
  ];
  for (const [name, id, definition, field] of invalid) {
    it(`refuses ${name}, naming the field "${field}", without throwing or changing the registry`, () => {
      registerWidget('kept', { title: 'Kept', render });
      const before = $widgets.get();
      const result = registerWidget(id as string, definition as WidgetDefinition);
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.error.field).to.equal(field);
        expect(result.error.message).to.be.a('string').and.not.equal('');
      }
      expect($widgets.get()).to.equal(before);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('[matbakh]').and.contain(field);
    });
  }

  it('keeps registration order, defaults roles to both and span to 1', () => {
    registerWidget('b', { title: 'B', render });
    registerWidget('a', { title: { de: 'A-de', en: 'A-en' }, tag: 'x-a', span: 2, roles: ['owner'] });
    expect($widgets.get().map((w) => w.id)).to.deep.equal(['b', 'a']);
    expect(widgetsFor('guest').map((w) => w.id)).to.deep.equal(['b']);
    expect(widgetsFor('owner').map((w) => w.id)).to.deep.equal(['b', 'a']);
    const [b, a] = $widgets.get();
    expect(b?.roles).to.deep.equal(['guest', 'owner']);
    expect(b?.span).to.equal(1);
    expect(a?.span).to.equal(2);
    expect(widgetTitle(a!, 'en')).to.equal('A-en');
    expect(widgetTitle(a!, 'ar')).to.equal('A-de');
    expect(warnings).to.deep.equal([]);
  });

  it('notifies listeners of later registrations and replaces a page widget in place', () => {
    const seen: string[][] = [];
    const stop = $widgets.listen((list) => seen.push(list.map((w) => `${w.id}:${widgetTitle(w, 'en')}`)));
    registerWidget('a', { title: 'A', render });
    registerWidget('b', { title: 'B', render });
    registerWidget('a', { title: 'A2', render });
    stop();
    expect(seen).to.deep.equal([['a:A'], ['a:A', 'b:B'], ['a:A2', 'b:B']]);
  });

  it('protects built-ins from pages but registers them idempotently', () => {
    expect(registerBuiltInWidget('insights', { title: 'Insights', tag: 'mb-insights' }).ok).to.equal(true);
    expect(registerBuiltInWidget('insights', { title: 'Insights', tag: 'mb-insights' }).ok).to.equal(true);
    const taken = registerWidget('insights', { title: 'Mine', render });
    expect(taken.ok).to.equal(false);
    expect(unregisterWidget('insights')).to.equal(false);
    expect($widgets.get()).to.have.length(1);
    registerWidget('mine', { title: 'Mine', render });
    expect(unregisterWidget('mine')).to.equal(true);
    expect($widgets.get().map((w) => w.id)).to.deep.equal(['insights']);
  });

  it('resolves per-role attributes and survives a throwing attributes function', () => {
    registerWidget('r', { title: 'R', tag: 'x-r', attributes: (role) => ({ audience: role }) });
    registerWidget('t', {
      title: 'T',
      tag: 'x-t',
      attributes: () => {
        throw new Error('boom');
      },
    });
    const [r, t] = $widgets.get();
    expect(widgetAttributes(r!, 'owner')).to.deep.equal({ audience: 'owner' });
    expect(widgetAttributes(t!, 'guest')).to.deep.equal({});
  });
});
