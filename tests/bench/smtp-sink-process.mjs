// The SMTP bench's sink in a process of its own (as a real mail server would be): accepts and drops every message,
// prints its port, and reports how many it accepted and its CPU time (ms) when asked on stdin ("count\n").
import { startSmtpSink } from '../../packages/server/test/smtp-sink.ts';

const sink = await startSmtpSink({ keep: false });
process.stdout.write(`port ${sink.port}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  if (!text.includes('count')) return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`count ${sink.count()} ${(user + system) / 1000}\n`);
});
process.stdin.on('end', () => sink.close().then(() => process.exit(0)));
