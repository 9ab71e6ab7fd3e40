/**
 * An experiment's results from the KPI report: a table per variant (exposed, converted, rate, lift with its 95 %
 * confidence interval) with a drawing of each interval against "no change", and a sample-ratio-mismatch warning
 * when the exposures are further from the configured split than chance allows (the results are then not to be
 * trusted). Used by the Overview and the Experiments page.
 */
import { HOLDOUT_VARIANT, type KpiExperiment, type KpiVariant } from '@matbakh/contract';
import { html, nothing, svg } from 'lit';
import { dataTable } from './data-table.ts';
import type { ConsolePage, Params } from './page-base.ts';
import { SRM_P_THRESHOLD, sampleRatioP } from './stats.ts';

/** The SRM p-value over the variants that share the experiment's traffic (the holdout is global, not a variant). */
export function experimentSrmP(experiment: KpiExperiment, weights?: Readonly<Record<string, number>>): number {
  const shared = experiment.variants.filter((v) => v.variant !== HOLDOUT_VARIANT);
  const given = weights && shared.every((v) => weights[v.variant] !== undefined);
  return sampleRatioP(
    shared.map((v) => v.exposed),
    given ? shared.map((v) => weights[v.variant]!) : undefined,
  );
}

const W = 200;
const H = 20;

/** The interval on a scale from −100 % to the largest upper bound (at least +100 %), zero marked. */
function interval(v: KpiVariant, low: number, high: number) {
  if (v.lift === null || v.liftLow === null || v.liftHigh === null) return nothing;
  const x = (value: number) => ((Math.min(Math.max(value, low), high) - low) / (high - low)) * W;
  return html`<svg class="ci" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">
    ${svg`<line class="zero" x1=${x(0)} x2=${x(0)} y1="0" y2=${H}></line>
      <line class="range" x1=${x(v.liftLow)} x2=${x(v.liftHigh)} y1=${H / 2} y2=${H / 2}></line>
      <circle class="point" cx=${x(v.lift)} cy=${H / 2} r="4"></circle>`}
  </svg>`;
}

export function experimentResults(
  page: ConsolePage,
  experiment: KpiExperiment,
  options: { weights?: Readonly<Record<string, number>>; heading?: boolean } = {},
) {
  const p = experimentSrmP(experiment, options.weights);
  const high = Math.max(1, ...experiment.variants.map((v) => v.liftHigh ?? 0));
  const lift = (v: KpiVariant) =>
    v.isControl || v.lift === null
      ? '–'
      : page.msg('liftRange', {
          lift: page.signedPercent(v.lift),
          low: page.signedPercent(v.liftLow),
          high: page.signedPercent(v.liftHigh),
        });
  return html`${options.heading === false ? nothing : html`<h3>${experiment.experiment}</h3>`}
    ${
      p < SRM_P_THRESHOLD
        ? html`<p class="notice error" role="note">${page.msg('srmWarning', { p: p.toExponential(1) } as Params)}</p>`
        : nothing
    }
    ${dataTable({
      caption: experiment.experiment,
      columns: [
        page.msg('variant'),
        page.msg('exposed'),
        page.msg('converted'),
        page.msg('conversion'),
        page.msg('lift'),
      ],
      rows: experiment.variants,
      row: (v) => html`<tr>
        <th scope="row">${variantName(v.variant, v.isControl, page.msg('control'))}</th>
        <td>${page.number(v.exposed)}</td>
        <td>${page.number(v.converted)}</td>
        <td>${page.percent(v.rate)}</td>
        <td class="lift">${lift(v)} ${v.isControl ? nothing : interval(v, -1, high)}</td>
      </tr>`,
    })}`;
}

/** "compact", "baseline (control)"; a variant already called "control" is not named twice. */
function variantName(variant: string, isControl: boolean, control: string): string {
  return isControl && variant.toLowerCase() !== control.toLowerCase() ? `${variant} (${control})` : variant;
}
