/**
 * What the predictive sections of `<mb-insights>` know: the forecast per horizon, the regulars at risk, the
 * win-back's progress and the chart's width. Each section loads and fails on its own, so a missing forecast
 * never hides the cards or the regulars. A client without the predictive calls, or an API without the routes
 * (404), leaves the section out instead of showing an error the owner cannot fix; a forecast the worker has not
 * computed yet (404 naming `groupId`) says when it will come.
 */
import type { ChurnResponse, ForecastResponse, WinBackResponse } from '@matbakh/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InsightsClient, OwnerRequest } from './insights-client.ts';

export type Section<T> =
  | { status: 'absent' }
  /** The API has the route but nothing computed for the restaurant yet (404 naming `groupId`). */
  | { status: 'pending' }
  /** `previous`: what is shown while another horizon loads (the open table stays open). */
  | { status: 'loading'; previous?: T }
  | { status: 'error' }
  | { status: 'offline' }
  | { status: 'ready'; data: T };

export type WinBackState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: WinBackResponse }
  | { status: 'error' }
  | { status: 'offline' };

export type Horizon = 7 | 28;

const failure = (error: unknown): Section<never> => {
  const { status, body } = (error ?? {}) as { status?: number; body?: { error?: { field?: unknown } } };
  // A 404 naming a field is the route saying "not yet for this group"; without one, the route does not exist.
  if (status === 404) return body?.error?.field ? { status: 'pending' } : { status: 'absent' };
  return status === 0 || globalThis.navigator?.onLine === false ? { status: 'offline' } : { status: 'error' };
};

/** Calls a client method so that even a synchronous throw of a partner's client becomes a rejection. */
const attempt = <T>(call: () => Promise<T>): Promise<T> => new Promise<T>((resolve) => resolve(call()));

export class PredictiveState implements ReactiveController {
  forecast: Section<ForecastResponse> = { status: 'absent' };
  churn: Section<ChurnResponse> = { status: 'absent' };
  winBack: WinBackState = { status: 'idle' };
  horizon: Horizon = 7;
  /** The chart container's width in CSS pixels (the chart is drawn at it). */
  width = 640;
  private client: InsightsClient | undefined;
  private request: OwnerRequest = {};
  private token = 0;
  private observer: ResizeObserver | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Watches the chart's container (called after each render; observing the same element again is a no-op). */
  observe(container: Element | null | undefined): void {
    if (!container) return;
    this.observer ??= new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0);
      if (width > 0 && Math.abs(width - this.width) >= 1) {
        this.width = width;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(container);
  }

  /** Loads both sections for a restaurant (again): on connect, retry, back online, new group or language. */
  load(client: InsightsClient, request: OwnerRequest): void {
    this.client = client;
    this.request = request;
    this.winBack = { status: 'idle' };
    const token = ++this.token;
    this.loadForecast(token);
    const churn = client.insights.churn;
    if (!churn) {
      this.churn = { status: 'absent' };
      return;
    }
    this.churn = { status: 'loading' };
    attempt(() => churn.call(client.insights, request)).then(
      (data) => this.settle(token, () => (this.churn = { status: 'ready', data })),
      (error: unknown) => {
        const section = failure(error);
        this.settle(token, () => (this.churn = section.status === 'pending' ? { status: 'absent' } : section));
      },
    );
  }

  /** The owner switched between 7 and 28 days. */
  setHorizon(horizon: Horizon): void {
    if (horizon === this.horizon) return;
    this.horizon = horizon;
    this.loadForecast(this.token, true);
  }

  retryForecast(): void {
    this.loadForecast(this.token);
  }

  retryChurn(): void {
    if (this.client) this.load(this.client, this.request);
  }

  /** `keep`: the same restaurant in another horizon, so what is shown stays until the answer comes. */
  private loadForecast(token: number, keep = false): void {
    const client = this.client;
    const forecast = client?.insights.forecast;
    if (!client || !forecast) {
      this.forecast = { status: 'absent' };
      return;
    }
    const horizon = this.horizon;
    const shown = this.forecast;
    const previous = shown.status === 'ready' ? shown.data : shown.status === 'loading' ? shown.previous : undefined;
    this.forecast = keep && previous ? { status: 'loading', previous } : { status: 'loading' };
    this.host.requestUpdate();
    attempt(() => forecast.call(client.insights, { ...this.request, horizon })).then(
      (data) => this.settle(token, () => (this.forecast = { status: 'ready', data }), horizon),
      (error: unknown) => this.settle(token, () => (this.forecast = failure(error)), horizon),
    );
  }

  /** Starts the win-back; a second activation while it runs does nothing. */
  async startWinBack(): Promise<void> {
    const client = this.client;
    const winBack = client?.insights.winBack;
    if (!client || !winBack || this.winBack.status === 'running') return;
    const token = this.token;
    this.winBack = { status: 'running' };
    this.host.requestUpdate();
    try {
      const result = await winBack.call(client.insights, this.request);
      this.settle(token, () => (this.winBack = { status: 'done', result }));
    } catch (error) {
      const offline = (error as { status?: number })?.status === 0 || globalThis.navigator?.onLine === false;
      this.settle(token, () => (this.winBack = { status: offline ? 'offline' : 'error' }));
    }
  }

  /** Applies an answer only if it is still for what is shown (restaurant, language, horizon). */
  private settle(token: number, apply: () => void, horizon?: Horizon): void {
    if (token !== this.token || (horizon !== undefined && horizon !== this.horizon)) return;
    apply();
    this.host.requestUpdate();
  }
}
