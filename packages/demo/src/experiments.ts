import type { Experiment } from '@matbakh/contract';

/** The demo tenant's experiment (reference server in demo mode, the mocks): the layout of the recommendation cards. */
export const DEMO_EXPERIMENTS: readonly Experiment[] = [
  {
    key: 'rec-card-layout',
    variants: [
      { key: 'control', weight: 1 },
      { key: 'compact', weight: 1 },
    ],
    allocation: 1,
    holdout: 0.05,
  },
];
