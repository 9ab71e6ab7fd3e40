/**
 * The tenant's configuration document as the admin API serves it (`GET /v1/admin/config/draft`): the contract's
 * `TenantConfigDocument`. The server (tenant-config/document.ts) checks every section with the same contract validators
 * the editors run while the person types, so a field the editor accepts is a field the server accepts.
 */
import type { TenantConfigDocument } from '@matbakh/contract';

export type { ExperimentStatus, ManagedExperiment, SectionName } from '@matbakh/contract';
export type ConfigDocument = TenantConfigDocument;

/** `GET /v1/admin/config/draft`. */
export interface DraftView {
  config: ConfigDocument;
  baseVersion: number;
  author?: string;
  updatedAt?: string;
  /** False: no draft yet, this is the published configuration to start from. */
  saved: boolean;
}

/** `GET /v1/admin/config`, and (without `config`) what publishing answers. */
export interface PublishedView {
  version: number;
  policyVersion: number;
  action?: string;
  author?: string;
  createdAt?: string;
  config?: ConfigDocument;
}
