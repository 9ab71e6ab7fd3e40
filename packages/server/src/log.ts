import type { LogMode } from './config.ts';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  msg: string;
  [key: string]: unknown;
}

/** Receives structured records; the app never formats log text itself, so tests can capture or drop them. */
export type Logger = (record: LogRecord) => void;

export const silentLogger: Logger = () => {};

/** One JSON object per line, `time` first, so `jq` and log shippers read it without a parser config. */
export function createLogger(mode: LogMode, write: (line: string) => void = writeStdout): Logger {
  if (mode === 'off') return silentLogger;
  return (record) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  };
}

let stdoutGuarded = false;

function writeStdout(line: string): void {
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    // A closed stdout (`serve | head`, a log shipper restarting) raises EPIPE; losing log lines beats losing the
    // process and the batches in flight.
    process.stdout.on('error', () => {});
  }
  process.stdout.write(line);
}
