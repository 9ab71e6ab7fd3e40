/**
 * A tenant's configuration document: everything `GET /v1/config` serves that the tenant shapes itself, in named
 * sections an admin edits one at a time (`/v1/admin/config/draft/<section>`). The server checks each section with
 * the contract's validator for it (tenant-config/document.ts); the console's editors run the same validators.
 */
import type { ConsentPolicySettings } from './consent-policy-validate.ts';
import type { DashboardDefaults } from './dashboard.ts';
import type { Experiment } from './experiments.ts';
import type { Rule, Tour } from './rules.ts';

/** Where an experiment is in its life: only `running` ones reach visitors. */
export type ExperimentStatus = 'draft' | 'running' | 'stopped';
export type ManagedExperiment = Experiment & { status: ExperimentStatus };

export interface TenantConfigDocument {
  consent: ConsentPolicySettings;
  rules: Rule[];
  tours: Tour[];
  experiments: ManagedExperiment[];
  dashboards: DashboardDefaults;
  /** Origins whose pages may use the write key (`https://shop.example`, `http://localhost:*`, `*`). */
  origins: string[];
}

export type SectionName = keyof TenantConfigDocument;
