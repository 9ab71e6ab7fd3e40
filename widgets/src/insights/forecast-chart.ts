/**
 * The forecast chart of `<mb-insights>`, drawn as SVG without a chart library: the observed days as a solid line,
 * the expected days as a dashed line inside the 95 % and 80 % bands, public holidays as marked verticals. Axis
 * labels are Intl-formatted by the caller's {@link Formats}. Drawn at the container's real width (so text keeps
 * its CSS size at any zoom) and mirrored for right-to-left: time runs from the start edge to the end edge.
 *
 * The SVG is one image with a short description (`role="img"`, `aria-label`); its numbers are in the table
 * alternative next to it, so its parts are hidden from assistive technology.
 */
import type { ForecastSeries } from '@matbakh/contract';
import { svg, type TemplateResult } from 'lit';
import type { Formats } from './forecast-format.ts';

export const CHART_HEIGHT = 240;
const TOP = 36;
const BOTTOM = 30;
const END_GAP = 14;
/** Room for the y labels ("1,200"), at the start edge. */
const LABEL_GAP = 48;
/** Least room per x label ("21 Dec"), so labels never overlap however narrow the chart. */
const X_LABEL_ROOM = 90;

export interface ChartInput {
  series: ForecastSeries;
  width: number;
  rtl: boolean;
  formats: Formats;
  /** The image's accessible name: what it shows, and that the table has every number. */
  label: string;
  /** The word above the first expected day ("Forecast"). */
  startLabel: string;
}

/** A round upper bound and step for at most five grid lines: 47 → 0, 20, 40, 60; 1,180 → 0, 500, 1,000, 1,500. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { top: Math.ceil(max / step) * step, step };
}

const points = (pairs: [number, number][]) => pairs.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

export function forecastChart({ series, width, rtl, formats, label, startLabel }: ChartInput): TemplateResult {
  const { history, points: days } = series;
  const count = history.length + days.length;
  const plotStart = LABEL_GAP;
  const plotWidth = Math.max(40, width - LABEL_GAP - END_GAP);
  const bottom = CHART_HEIGHT - BOTTOM;
  const maximum = Math.max(0, ...history.map((h) => h.value), ...days.map((d) => d.hi95));
  const { top, step } = niceScale(maximum);
  /** Day index → x, start edge to end edge (mirrored for RTL). */
  const x = (index: number) => {
    const offset = plotStart + (count > 1 ? (index * plotWidth) / (count - 1) : plotWidth / 2);
    return rtl ? width - offset : offset;
  };
  const y = (value: number) => bottom - (value / top) * (bottom - TOP);
  const first = history.length;
  const at = (i: number): number => first + i;

  const grid = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
  const labelX = rtl ? width - plotStart + 6 : plotStart - 6;
  const every = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotWidth / X_LABEL_ROOM))));
  // Ticks aligned on the first expected day, so "today" always has a label.
  const ticks = Array.from({ length: count }, (_, i) => i).filter((i) => (i - first) % every === 0);
  // The outermost labels grow inwards: centred, they would be cut at the chart's edges.
  const anchorOf = (i: number) => (i === 0 ? 'start' : i === count - 1 ? 'end' : 'middle');
  const dateOf = (i: number) => (i < first ? history[i]!.date : days[i - first]!.date);

  const band = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95') =>
    points([
      ...days.map((d, i): [number, number] => [x(at(i)), y(d[hi])]),
      ...days.map((d, i): [number, number] => [x(at(i)), y(d[lo])]).reverse(),
    ]);
  const observed = points(history.map((h, i) => [x(i), y(h.value)]));
  const last = history.at(-1);
  const expected = points([
    ...(last ? [[x(first - 1), y(last.value)] as [number, number]] : []),
    ...days.map((d, i): [number, number] => [x(at(i)), y(d.mean)]),
  ]);
  const split = days.length ? x(first) : undefined;

  return svg`<svg part="chart" class="chart" role="img" aria-label=${label} width=${width} height=${CHART_HEIGHT}
      viewBox="0 0 ${width} ${CHART_HEIGHT}" focusable="false">
    <g aria-hidden="true">
      ${grid.map(
        (value) => svg`<line class="grid" x1=${x(0)} x2=${x(count - 1)} y1=${y(value)} y2=${y(value)}></line>
          <text class="axis" x=${labelX} y=${y(value)} dy="0.35em" text-anchor="end">${formats.count(value)}</text>`,
      )}
      ${days.length ? svg`<polygon part="band-95" class="band-95" points=${band('lo95', 'hi95')}></polygon>` : ''}
      ${days.length ? svg`<polygon part="band-80" class="band-80" points=${band('lo80', 'hi80')}></polygon>` : ''}
      ${days.map((d, i) =>
        d.holiday
          ? svg`<g part="holiday" class="holiday" data-date=${d.date}>
              <line x1=${x(at(i))} x2=${x(at(i))} y1=${TOP - 6} y2=${bottom}></line>
              <path d="M${x(at(i))} ${TOP - 12}l5 5-5 5-5-5z"></path>
            </g>`
          : '',
      )}
      ${
        split === undefined
          ? ''
          : svg`<line class="split" x1=${split} x2=${split} y1=${TOP - 20} y2=${bottom}></line>
            <text class="axis start" x=${split + (rtl ? -4 : 4)} y=${TOP - 22} text-anchor="start">${startLabel}</text>`
      }
      ${history.length ? svg`<polyline part="history-line" class="history" points=${observed}></polyline>` : ''}
      ${days.length ? svg`<polyline part="forecast-line" class="forecast" points=${expected}></polyline>` : ''}
      <line class="baseline" x1=${x(0)} x2=${x(count - 1)} y1=${bottom} y2=${bottom}></line>
      ${ticks.map(
        (i) =>
          svg`<text class="axis" x=${x(i)} y=${bottom + 20} text-anchor=${anchorOf(i)}>${formats.shortDay(dateOf(i))}</text>`,
      )}
    </g>
  </svg>`;
}
