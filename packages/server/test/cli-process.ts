// Real `matbakh-server` processes for the tests that run the CLI as a deployment does (worker-process.test.ts,
// messaging-shutdown.test.ts): logs off, no purge timer, stderr shown; `killAll` in `after` ends what is left.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliProcesses {
  /** Starts `cli.ts args…` with `env` over this process's environment. */
  run(args: readonly string[], env: Record<string, string>): ChildProcess;
  /** SIGKILL to every process started here that has not exited. */
  killAll(): void;
}

export function cliProcesses(): CliProcesses {
  const children = new Set<ChildProcess>();
  return {
    run(args, env) {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, MB_LOG: 'off', MB_PURGE_INTERVAL_MS: '0', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    },
    killAll() {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
