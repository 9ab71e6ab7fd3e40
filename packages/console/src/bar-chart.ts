/**
 * A bar chart drawn as inline SVG (no library): one bar per label, the largest value scaled to the full height,
 * with a visually hidden-by-default table of the same numbers for screen readers and for people who want the
 * figures (a `<details>` disclosure). The SVG itself is one image with a text alternative.
 */
import { html, svg } from 'lit';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown (a percentage, money). */
  text: string;
}

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 2;

let ids = 0;

export function barChart(title: string, bars: readonly Bar[], labels: { table: string; label: string; value: string }) {
  const id = `chart-${++ids}`;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = bars.length === 0 ? WIDTH : WIDTH / bars.length;
  const summary =
    bars.length === 0 ? '' : `${bars[0]!.label} … ${bars.at(-1)!.label}: max ${Math.max(...bars.map((b) => b.value))}`;
  return html`<figure class="chart">
    <figcaption id=${id}>${title}</figcaption>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby=${id} preserveAspectRatio="none">
      <title>${title}: ${summary}</title>
      ${bars.map((bar, i) => {
        const h = (bar.value / max) * (HEIGHT - 4);
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
