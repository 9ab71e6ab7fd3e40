// Frame recorder shared by the grid bench pages: rAF deltas, Long Animation Frames and slow input events.
(() => {
  let state = null;
  window.recorder = {
    start() {
      const s = { deltas: [], loafs: [], events: [], on: true, last: 0 };
      state = s;
      const tick = (t) => {
        if (s.last) s.deltas.push(t - s.last);
        s.last = t;
        if (s.on) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      s.loafObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) s.loafs.push(e.duration);
      });
      s.loafObserver.observe({ type: 'long-animation-frame' });
      // Input events whose handling and rendering up to the next paint took 16 ms or more (the API's minimum).
      s.eventObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) s.events.push(e.duration);
      });
      s.eventObserver.observe({ type: 'event', durationThreshold: 16 });
    },
    stop() {
      const s = state;
      return new Promise((done) => {
        // Two more frames so the last reorder's rendering is counted, then flush the observers.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            s.on = false;
            for (const e of s.loafObserver.takeRecords()) s.loafs.push(e.duration);
            for (const e of s.eventObserver.takeRecords()) s.events.push(e.duration);
            s.loafObserver.disconnect();
            s.eventObserver.disconnect();
            done({
              frames: s.deltas.length,
              maxFrame: Math.max(0, ...s.deltas),
              // Longer than one 60 Hz vsync (16.7 ms) plus 2 ms of timer jitter: a missed frame.
              slowFrames: s.deltas.filter((d) => d > 18.7).length,
              loafs: s.loafs.length,
              maxLoaf: Math.max(0, ...s.loafs),
              slowEvents: s.events.length,
            });
          }),
        );
      });
    },
  };
  /**
   * Lays out one widget's worth of text and removes it, before `bench.render()` is timed: a host page has laid
   * out its own text long before a widget grid renders, so the first text layout of a fresh page (font lookup
   * and shaping caches: 20 – 170 ms here) belongs to no library. Done for every page alike.
   */
  window.warmUp = () => {
    const s = document.createElement('section');
    window.fillWidget(s, 0);
    document.body.append(s);
    s.getBoundingClientRect();
    s.remove();
  };
  /** A widget's content: a heading and a line of text. */
  window.fillWidget = (el, i) => {
    const h = document.createElement('h3');
    h.textContent = `Widget ${i + 1}`;
    const p = document.createElement('p');
    p.textContent = 'Bestellungen, Empfehlungen und Einblicke';
    el.append(h, p);
  };
})();
