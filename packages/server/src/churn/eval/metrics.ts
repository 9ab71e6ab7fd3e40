/** Ranking and calibration measures of the churn bench and its regression test. */

/** Area under the ROC curve by ranks (ties share their mean rank): P(score of a churner > score of a stayer). */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]!.y === 1) {
        rankSum += meanRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

/** Ten equal-width probability bins: how many guests, what the model said, what happened. */
export function reliability(probabilities: readonly number[], labels: readonly number[], bins = 10): ReliabilityBin[] {
  const table = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    meanPredicted: 0,
    observed: 0,
  }));
  probabilities.forEach((p, i) => {
    const bin = table[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.count++;
    bin.meanPredicted += p;
    bin.observed += labels[i]!;
  });
  for (const bin of table) {
    if (bin.count === 0) continue;
    bin.meanPredicted /= bin.count;
    bin.observed /= bin.count;
  }
  return table;
}

/** Expected calibration error: the count-weighted mean gap between predicted and observed per bin. */
export function calibrationError(table: readonly ReliabilityBin[]): number {
  const total = table.reduce((s, b) => s + b.count, 0);
  return table.reduce((s, b) => s + (b.count / total) * Math.abs(b.meanPredicted - b.observed), 0);
}
