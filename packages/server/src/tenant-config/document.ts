/**
 * A tenant's configuration document: everything `GET /v1/config` serves that the tenant shapes itself, in named
 * sections an admin edits one at a time (`/v1/admin/config/draft/<section>`). Each section is checked with the
 * contract's validator for it; an error names the field as `<section>.<path>` (or `<section>[i].<path>`).
 */
import {
  type ExperimentStatus,
  isPlainObject,
  type ManagedExperiment,
  type Rule,
  type RuleError,
  type SectionName,
  type TenantConfigDocument,
  type Tour,
  validateConsentPolicySettings,
  validateDashboardDefaults,
  validateExperiment,
  validateRules,
  validateTours,
} from '@matbakh/contract';
import { normalizeOrigin } from '../origins.ts';

export type { ExperimentStatus, ManagedExperiment, SectionName, TenantConfigDocument } from '@matbakh/contract';

export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['draft', 'running', 'stopped'];
export const SECTIONS: readonly SectionName[] = ['consent', 'rules', 'tours', 'experiments', 'dashboards', 'origins'];
export const isSectionName = (value: string): value is SectionName => (SECTIONS as readonly string[]).includes(value);

export interface FieldError {
  field: string;
  message: string;
}
export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

const MAX_RULES = 200;
const MAX_TOURS = 50;
const MAX_EXPERIMENTS = 50;
const MAX_ORIGINS = 50;

/** `rules[i].field` for the first error of a rules/tours validation (it names the item by id, not index). */
function listError(section: 'rules' | 'tours', raw: unknown[], errors: RuleError[]): FieldError {
  const first = errors[0]!;
  const byId = raw.findIndex((item) => isPlainObject(item) && item.id === first.ruleId);
  const index = byId >= 0 ? byId : Number(first.ruleId.replace(/^#/, ''));
  const at = Number.isInteger(index) ? `${section}[${index}]` : section;
  return { field: first.field === section ? section : `${at}.${first.field}`, message: first.message };
}

function checkList<T>(section: 'rules' | 'tours', raw: unknown, max: number): Checked<T[]> {
  if (!Array.isArray(raw)) return { ok: false, error: { field: section, message: `${section} must be a list` } };
  if (raw.length > max) return { ok: false, error: { field: section, message: `${section}: at most ${max} entries` } };
  const checked = section === 'rules' ? validateRules(raw) : validateTours(raw);
  const items = 'rules' in checked ? checked.rules : checked.tours;
  if (checked.errors.length > 0) return { ok: false, error: listError(section, raw, checked.errors) };
  return { ok: true, value: items as T[] };
}

function checkExperiments(raw: unknown): Checked<ManagedExperiment[]> {
  const bad = (field: string, message: string) => ({ ok: false as const, error: { field, message } });
  if (!Array.isArray(raw)) return bad('experiments', 'experiments must be a list');
  if (raw.length > MAX_EXPERIMENTS) return bad('experiments', `experiments: at most ${MAX_EXPERIMENTS} entries`);
  const out: ManagedExperiment[] = [];
  for (const [index, item] of raw.entries()) {
    const at = `experiments[${index}]`;
    if (!isPlainObject(item)) return bad(at, `${at} must be an object`);
    const { status = 'draft', ...experiment } = item;
    if (typeof status !== 'string' || !(EXPERIMENT_STATUSES as readonly string[]).includes(status)) {
      return bad(`${at}.status`, `${at}.status must be one of ${EXPERIMENT_STATUSES.join(', ')}`);
    }
    const checked = validateExperiment(experiment, index);
    if (!checked.ok) return bad(checked.error.field, checked.error.message);
    if (out.some((e) => e.key === checked.value.key)) {
      return bad(`${at}.key`, `${at}.key "${checked.value.key}" is used by an earlier experiment`);
    }
    out.push({ ...checked.value, status: status as ExperimentStatus });
  }
  return { ok: true, value: out };
}

function checkOrigins(raw: unknown): Checked<string[]> {
  if (!Array.isArray(raw) || raw.length === 0) {
    return { ok: false, error: { field: 'origins', message: 'origins must list at least one origin' } };
  }
  if (raw.length > MAX_ORIGINS) {
    return { ok: false, error: { field: 'origins', message: `origins: at most ${MAX_ORIGINS} entries` } };
  }
  const out: string[] = [];
  for (const [index, origin] of raw.entries()) {
    try {
      if (typeof origin !== 'string') throw new Error('an origin must be a string');
      out.push(normalizeOrigin(origin));
    } catch (error) {
      return { ok: false, error: { field: `origins[${index}]`, message: (error as Error).message } };
    }
  }
  return { ok: true, value: [...new Set(out)] };
}

/** One section, checked and normalised (texts filled in, links sanitised, origins lower-cased). */
export function checkSection<S extends SectionName>(section: S, raw: unknown): Checked<TenantConfigDocument[S]> {
  type Out = Checked<TenantConfigDocument[S]>;
  switch (section) {
    case 'consent': {
      const checked = validateConsentPolicySettings(raw, 'consent');
      return (checked.ok ? checked : { ok: false, error: checked.error }) as Out;
    }
    case 'rules':
      return checkList<Rule>('rules', raw, MAX_RULES) as Out;
    case 'tours':
      return checkList<Tour>('tours', raw, MAX_TOURS) as Out;
    case 'experiments':
      return checkExperiments(raw) as Out;
    case 'dashboards': {
      const checked = validateDashboardDefaults(raw);
      return (checked.ok ? checked : { ok: false, error: checked.error }) as Out;
    }
    default:
      return checkOrigins(raw) as Out;
  }
}

/** A whole document (a stored one, or a rollback target), every section checked. */
export function checkDocument(raw: unknown): Checked<TenantConfigDocument> {
  if (!isPlainObject(raw)) return { ok: false, error: { field: 'config', message: 'config must be an object' } };
  const out: Partial<Record<SectionName, unknown>> = {};
  for (const section of SECTIONS) {
    const checked = checkSection(section, raw[section]);
    if (!checked.ok) return checked;
    out[section] = checked.value;
  }
  return { ok: true, value: out as TenantConfigDocument };
}
