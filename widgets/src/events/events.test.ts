import { expect } from '@open-wc/testing';
import { MbElement } from '../shared/mb-element.ts';
import { emitEvent, type MbEventDetail, type MbEventMap } from './events.ts';

/** Type-level: each `mb-*` event in the map is the one a partner's `addEventListener` sees (checked by `tsc`). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsGlobal: { [K in keyof MbEventMap]: Same<MbEventMap[K], GlobalEventHandlersEventMap[K]> } = {
  'mb-action-accept': true,
  'mb-action-dismiss': true,
  'mb-action-snooze': true,
  'mb-consent-change': true,
  'mb-explanation-open': true,
  'mb-feedback': true,
  'mb-insight-action': true,
  'mb-layout-change': true,
  'mb-preference-change': true,
  'mb-privacy-close': true,
  'mb-privacy-erase': true,
  'mb-privacy-export': true,
  'mb-privacy-open': true,
  'mb-push-change': true,
  'mb-recommendation-click': true,
  'mb-search-select': true,
  'mb-tour-complete': true,
  'mb-tour-dismiss': true,
  'mb-tour-step': true,
};

class EmitProbe extends MbElement {
  fire<K extends keyof MbEventMap>(name: K, detail: MbEventDetail<K>, cancelable?: boolean): boolean {
    return this.emit(name, detail, { cancelable });
  }
}
customElements.define('mb-test-emit-probe', EmitProbe);

describe('mb-* events', () => {
  it('are declared once each, as the global event map has them', () => {
    expect(Object.values(sameAsGlobal).every(Boolean)).to.equal(true);
  });

  it('emit: bubbling, composed (out of the shadow root), typed detail; a listener sees it on document', () => {
    const probe = document.body.appendChild(new EmitProbe());
    const seen: MbEventMap['mb-insight-action'][] = [];
    const listener = (event: MbEventMap['mb-insight-action']) => seen.push(event);
    document.addEventListener('mb-insight-action', listener);
    try {
      expect(probe.fire('mb-insight-action', { insightId: 'i1' })).to.equal(true);
      // @ts-expect-error the detail is checked against the event's declaration
      probe.fire('mb-insight-action', { insight: 'i1' });
    } finally {
      document.removeEventListener('mb-insight-action', listener);
      probe.remove();
    }
    expect(seen).to.have.length(2);
    expect(seen[0]!.detail).to.deep.equal({ insightId: 'i1' });
    expect([seen[0]!.bubbles, seen[0]!.composed, seen[0]!.cancelable]).to.deep.equal([true, true, false]);
  });

  it('emit returns false when a listener vetoes a cancelable event', () => {
    const target = document.createElement('div');
    target.addEventListener('mb-privacy-close', (event) => event.preventDefault());
    expect(emitEvent(target, 'mb-privacy-close', { reason: 'escape' }, { cancelable: true })).to.equal(false);
    expect(emitEvent(target, 'mb-privacy-close', { reason: 'escape' })).to.equal(true);
  });
});
