import { expect } from '@esm-bundle/chai';
import { type Client, definePlugin, type ExtensibleClient, type Plugin } from '../src/index.ts';
import { privacyPlugin } from '../src/privacy/index.ts';
import { cleanup, testClient } from './helpers.ts';

/** A plugin that writes what happens to it into `log`. */
function recorder(log: string[], name: string, requires: string[] = []): Plugin {
  return definePlugin({
    name: name as 'recorded',
    requires: requires as never[],
    setup() {
      log.push(`setup ${name}`);
      return {
        api: { name },
        on: {
          identify: (userId) => log.push(`${name} identify ${userId}`),
          group: (groupId) => log.push(`${name} group ${groupId}`),
          reset: () => log.push(`${name} reset`),
          destroy: () => log.push(`${name} destroy`),
        },
      };
    },
  });
}

const extensible = (client: Client) => client as ExtensibleClient & Record<string, unknown>;

describe('plugin host', () => {
  let errors: string[];
  let consoleError: typeof console.error;
  beforeEach(() => {
    errors = [];
    consoleError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  });
  afterEach(() => {
    console.error = consoleError;
    cleanup();
  });

  it('starts plugins after what they require, whatever the order they are given in', () => {
    const log: string[] = [];
    const client = extensible(
      testClient({
        plugins: [recorder(log, 'c', ['b']), recorder(log, 'b', ['a']), recorder(log, 'a')],
      }),
    );
    expect(log).to.deep.equal(['setup a', 'setup b', 'setup c']);
    expect(client.a).to.deep.equal({ name: 'a' });
    expect(client.c).to.deep.equal({ name: 'c' });
  });

  it('gives a plugin the API of what it requires, and none of the client', () => {
    let seen: unknown;
    let keys: string[] = [];
    const reader = definePlugin({
      name: 'reader',
      requires: ['preferences'],
      setup(ctx) {
        seen = ctx.require('preferences');
        keys = Object.keys(ctx);
        return {};
      },
    });
    const preferences = definePlugin({ name: 'preferences', setup: () => ({ api: { get: () => ({}) } as never }) });
    const client = extensible(testClient({ plugins: [reader, preferences] }));
    expect(seen).to.equal(client.preferences);
    expect(keys).to.not.include('client');
    expect(keys).to.include.members(['http', 'config', 'locale', 'consentView', 'track', 'require', 'plugin']);
  });

  it('reports a missing required plugin clearly, never throws, and starts the others', () => {
    const log: string[] = [];
    const client = extensible(testClient({ plugins: [recorder(log, 'needy', ['absent']), recorder(log, 'fine')] }));
    expect(log).to.deep.equal(['setup fine']);
    expect(client.needy).to.equal(undefined);
    expect(errors.join('\n')).to.contain('plugin "needy" requires plugin "absent", which is not installed');
    expect(client.stats().errors).to.equal(1);
  });

  it('reports plugins that require each other, and starts neither', () => {
    const log: string[] = [];
    const client = extensible(testClient({ plugins: [recorder(log, 'x', ['y']), recorder(log, 'y', ['x'])] }));
    expect(log).to.deep.equal([]);
    expect(client.x).to.equal(undefined);
    expect(errors.join('\n')).to.contain('cycle: x → y → x');
  });

  it('runs hooks after the core in start order, and destroy dependents first', () => {
    const log: string[] = [];
    const client = testClient({ plugins: [recorder(log, 'b', ['a']), recorder(log, 'a')] });
    log.length = 0;
    client.identify('u-1');
    client.group('g-1');
    client.reset();
    expect(log).to.deep.equal(['a identify u-1', 'b identify u-1', 'a group g-1', 'b group g-1', 'a reset', 'b reset']);
    expect(client.user().userId, 'the core ran first').to.equal(undefined);
    log.length = 0;
    client.destroy();
    expect(log).to.deep.equal(['b destroy', 'a destroy']);
  });

  it('adds plugins later (extend), skipping names already installed', () => {
    const log: string[] = [];
    const client = extensible(testClient({ plugins: [recorder(log, 'a')] }));
    client.extend(recorder(log, 'b', ['a']), recorder(log, 'a'));
    expect(log).to.deep.equal(['setup a', 'setup b']);
    expect(client.b).to.deep.equal({ name: 'b' });
  });

  it('removes a plugin: its destroy runs, its API, hooks and middleware go', async () => {
    const log: string[] = [];
    const seen: string[] = [];
    const watcher = definePlugin({
      name: 'watcher',
      setup: () => ({
        api: {},
        middleware: (message) => {
          if (message.type === 'track') seen.push(message.event);
          return message;
        },
        on: { reset: () => log.push('watcher reset'), destroy: () => log.push('watcher destroy') },
      }),
    });
    const client = extensible(testClient({ plugins: [watcher] }));
    client.track('Before');
    expect(seen).to.deep.equal(['Session Started', 'Before']);
    expect(client.remove('watcher')).to.equal(true);
    expect(log).to.deep.equal(['watcher destroy']);
    expect('watcher' in client).to.equal(false);
    client.track('After');
    client.reset();
    expect(seen).to.deep.equal(['Session Started', 'Before']);
    expect(log).to.deep.equal(['watcher destroy']);
    expect(client.remove('watcher'), 'not there any more').to.equal(false);
  });

  it('refuses to remove a plugin another one requires', () => {
    const log: string[] = [];
    const client = extensible(testClient({ plugins: [recorder(log, 'a'), recorder(log, 'b', ['a'])] }));
    expect(client.remove('a')).to.equal(false);
    expect(client.a).to.deep.equal({ name: 'a' });
    expect(errors.join('\n')).to.contain('plugin "a" is required by b');
    expect(client.remove('b')).to.equal(true);
    expect(client.remove('a')).to.equal(true);
  });

  it('puts the core consent methods back when the privacy plugin is removed', () => {
    const client = extensible(testClient({ plugins: [privacyPlugin({ consentMode: false, scriptBlocking: false })] }));
    const consent = client.consent as Client['consent'] & { acceptAll?: unknown };
    expect(consent.acceptAll).to.be.a('function');
    expect(client.remove('privacy')).to.equal(true);
    expect(consent.acceptAll).to.equal(undefined);
    consent.set({ analytics: true });
    expect(consent.status('analytics')).to.equal('granted');
  });

  it('never lets a plugin replace a method of the client', () => {
    const client = testClient({ plugins: [definePlugin({ name: 'track', setup: () => ({ api: {} }) })] });
    expect(client.track).to.be.a('function');
    expect(errors.join('\n')).to.contain('would replace client.track');
  });
});
