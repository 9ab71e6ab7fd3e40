import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';

/**
 * Screenshots are only comparable when taken by the same browser build with the same fonts: another Chromium or
 * another font set moves anti-aliasing and line breaks everywhere, which says nothing about our widgets. The
 * baselines record where they were taken (`__screenshots__/environment.json`); on any other environment the
 * comparison is skipped with the reason, and `--update-snapshots` makes that environment the reference.
 */
export interface VisualEnvironment {
  chromium: string;
  /** sha256 of the sorted font family list (`fc-list : family`). */
  fonts: string;
}

export const ENVIRONMENT_FILE = resolve(import.meta.dirname, '__screenshots__/environment.json');

export function currentEnvironment(): VisualEnvironment {
  const { executablePath } = chromeLaunchOptions();
  const version = execFileSync(executablePath, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let families = '';
  try {
    families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' }).split('\n').sort().join('\n');
  } catch {
    families = 'no fontconfig';
  }
  return {
    chromium: version.trim(),
    fonts: createHash('sha256').update(families).digest('hex').slice(0, 16),
  };
}

export function recordedEnvironment(): VisualEnvironment | undefined {
  if (!existsSync(ENVIRONMENT_FILE)) return undefined;
  return JSON.parse(readFileSync(ENVIRONMENT_FILE, 'utf8')) as VisualEnvironment;
}

export function recordEnvironment(environment: VisualEnvironment): void {
  writeFileSync(ENVIRONMENT_FILE, `${JSON.stringify(environment, null, 2)}\n`);
}

/** Why this environment cannot be compared with the baselines, or undefined when it can. */
export function mismatch(current: VisualEnvironment, recorded: VisualEnvironment | undefined): string | undefined {
  if (!recorded) return 'no baselines recorded yet';
  if (current.chromium !== recorded.chromium) return `baselines from ${recorded.chromium}, this is ${current.chromium}`;
  if (current.fonts !== recorded.fonts) return 'baselines were taken with another set of fonts';
  return undefined;
}
