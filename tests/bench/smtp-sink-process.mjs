// The SMTP benches' sink in a process of its own (as a real mail server would be): accepts and drops every message,
// prints its port, and reports how many it accepted and its CPU time (ms) when asked on stdin ("count\n"). With
// `--arrivals` it also notes when each message whose subject carries `#<n>` arrived (epoch ms) and prints them as
// JSON when asked ("arrivals\n"): the end-to-end bench's enqueue → arrival latency.
import { startSmtpSink } from '../../packages/server/test/smtp-sink.ts';

const arrivals = process.argv.includes('--arrivals') ? {} : undefined;
const SUBJECT = /^Subject:[^\r\n]*#(\d+)/im;
const sink = await startSmtpSink({
  keep: false,
  ...(arrivals
    ? {
        onMessage: (raw) => {
          const at = Date.now();
          // The headers only: the body may quote a subject-like line.
          const n = SUBJECT.exec(raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1'))?.[1];
          if (n !== undefined) arrivals[n] = at;
        },
      }
    : {}),
});
process.stdout.write(`port ${sink.port}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  if (text.includes('arrivals')) process.stdout.write(`arrivals ${JSON.stringify(arrivals ?? {})}\n`);
  if (!text.includes('count')) return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`count ${sink.count()} ${(user + system) / 1000}\n`);
});
process.stdin.on('end', () => sink.close().then(() => process.exit(0)));
