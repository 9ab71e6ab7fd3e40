/**
 * A bar chart drawn as inline SVG (no library): one bar per label, the largest value (or `max`) scaled to the full
 * height, with a table of the same numbers behind a `<details>` disclosure for screen readers and for people who
 * want the figures. The SVG itself is one image with a text alternative; the scale (the top's value) and the axis
 * labels are HTML around it, so they keep their size and direction (RTL) however the drawing is stretched. A range
 * without data says so in words instead of drawing an empty frame.
 */
import { html, svg } from 'lit';
import { dataTable } from './data-table.ts';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown (a percentage, money). */
  text: string;
  /** Nothing was measured for this label (a rate of no decisions): not the same as a measured 0. */
  empty?: boolean;
}

export interface ChartLabels {
  table: string;
  label: string;
  value: string;
  /** Said instead of the chart when no bar has data ("No data in this range"). */
  empty: string;
}

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 2;
/** Up to this many bars, each is labelled on the axis. */
const MAX_AXIS_LABELS = 8;

let ids = 0;

/** True when no bar carries a measured value above zero: the chart would be an empty frame. */
export function hasNoData(bars: readonly Bar[]): boolean {
  return bars.every((bar) => bar.empty || bar.value === 0);
}

/**
 * What is written under the bars (hidden from screen readers: the image's text and the table say it all): every
 * label when they fit, else the first, middle and last, so a day chart still reads as a time line.
 */
function axis(bars: readonly Bar[]) {
  const shown =
    bars.length <= MAX_AXIS_LABELS ? bars : [bars[0]!, bars[Math.floor((bars.length - 1) / 2)]!, bars.at(-1)!];
  const spread = bars.length > MAX_AXIS_LABELS;
  return html`<div class="axis ${spread ? 'spread' : ''}" aria-hidden="true">
    ${shown.map((bar) => html`<span>${bar.label}</span>`)}
  </div>`;
}

export function barChart(
  title: string,
  bars: readonly Bar[],
  labels: ChartLabels,
  options: { max?: number; maxText?: string } = {},
) {
  const id = `chart-${++ids}`;
  if (hasNoData(bars)) {
    return html`<figure class="chart">
      <figcaption id=${id}>${title}</figcaption>
      <p class="no-data">${labels.empty}</p>
    </figure>`;
  }
  const max = options.max ?? Math.max(1, ...bars.map((bar) => bar.value));
  const width = WIDTH / bars.length;
  const highest = bars.reduce((top, bar) => (bar.value > top.value ? bar : top), bars[0]!);
  const summary = `${bars[0]!.label} … ${bars.at(-1)!.label}: max ${highest.text}`;
  return html`<figure class="chart">
    <figcaption id=${id}>${title}</figcaption>
    <p class="scale" aria-hidden="true">${options.maxText ?? highest.text}</p>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby=${id} preserveAspectRatio="none">
      <title>${title}: ${summary}</title>
      ${bars.map((bar, i) => {
        const h = (Math.min(bar.value, max) / max) * (HEIGHT - 4);
        return svg`<rect x=${i * width + GAP / 2} y=${HEIGHT - h} width=${Math.max(1, width - GAP)} height=${h}
          class="bar"></rect>`;
      })}
    </svg>
    ${axis(bars)}
    <details>
      <summary>${labels.table}</summary>
      ${dataTable({
        caption: title,
        columns: [labels.label, labels.value],
        rows: bars,
        row: (bar) => html`<tr><th scope="row">${bar.label}</th><td>${bar.text}</td></tr>`,
      })}
    </details>
  </figure>`;
}
