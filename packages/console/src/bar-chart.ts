/**
 * A bar chart drawn as inline SVG (no library): one bar per label, the largest value (or `max`) scaled to the full
 * height, with a table of the same numbers behind a `<details>` disclosure for screen readers and for people who
 * want the figures. The SVG itself is one image with a text alternative. A range without data says so in words
 * instead of drawing an empty frame.
 */
import { html, svg } from 'lit';

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

let ids = 0;

/** True when no bar carries a measured value above zero: the chart would be an empty frame. */
export function hasNoData(bars: readonly Bar[]): boolean {
  return bars.every((bar) => bar.empty || bar.value === 0);
}

export function barChart(title: string, bars: readonly Bar[], labels: ChartLabels, options: { max?: number } = {}) {
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
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby=${id} preserveAspectRatio="none">
      <title>${title}: ${summary}</title>
      ${bars.map((bar, i) => {
        const h = (Math.min(bar.value, max) / max) * (HEIGHT - 4);
        return svg`<rect x=${i * width + GAP / 2} y=${HEIGHT - h} width=${Math.max(1, width - GAP)} height=${h}
          class="bar"></rect>`;
      })}
    </svg>
    <details>
      <summary>${labels.table}</summary>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${title}</caption>
          <thead>
            <tr>
              <th scope="col">${labels.label}</th>
              <th scope="col">${labels.value}</th>
            </tr>
          </thead>
          <tbody>
            ${bars.map((bar) => html`<tr><th scope="row">${bar.label}</th><td>${bar.text}</td></tr>`)}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}
