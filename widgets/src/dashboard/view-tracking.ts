import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Reports a dashboard's view once per page view: the first time it is on screen in a visible tab (not when it is
 * merely in the DOM below the fold or in a background tab), as soon as `report` can (it answers `false` while no
 * client is connected; the host's next update tries again). Per element: a dashboard taken out of the page and put
 * back is the same view. Observes only while connected and not yet reported.
 */
export class ViewTracking implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly report: () => boolean;
  private observer: IntersectionObserver | undefined;
  private onScreen = false;
  private reported = false;

  constructor(host: ReactiveControllerHost & HTMLElement, report: () => boolean) {
    this.host = host;
    this.report = report;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.reported) return;
    this.observer = new IntersectionObserver((entries) => {
      this.onScreen = entries.some((entry) => entry.isIntersecting);
      this.flush();
    });
    this.observer.observe(this.host);
    document.addEventListener('visibilitychange', this.flush);
  }

  hostUpdated(): void {
    this.flush();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private readonly flush = () => {
    if (this.reported || !this.onScreen || document.visibilityState === 'hidden') return;
    if (!this.report()) return;
    this.reported = true;
    this.stop();
  };

  private stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    document.removeEventListener('visibilitychange', this.flush);
  }
}
