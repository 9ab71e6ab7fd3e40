// The SMTP bench's sink in a process of its own (as a real mail server would be): accepts and drops every message,
// prints its port, and reports how many it accepted when asked on stdin ("count\n").
import { startSmtpSink } from '../../packages/server/test/smtp-sink.ts';

const sink = await startSmtpSink({ keep: false });
process.stdout.write(`port ${sink.port}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  if (text.includes('count')) process.stdout.write(`count ${sink.count()}\n`);
});
process.stdin.on('end', () => sink.close().then(() => process.exit(0)));
