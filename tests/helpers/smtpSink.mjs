// A real SMTP server (the smtp-server package) as a child process for the mail tests (issue 24): it
// listens on port 0, prints "listening PORT", refuses recipients whose address contains "refuse" with
// 550, and writes every message it accepts, as received, into the folder given as its argument.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const dir = process.argv[2];
mkdirSync(dir, { recursive: true });
let n = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, cb) {
    if (address.address.includes('refuse')) {
      const err = new Error('5.1.1 mailbox unavailable');
      err.responseCode = 550;
      return cb(err);
    }
    cb();
  },
  onData(stream, _session, cb) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      writeFileSync(join(dir, `${String(++n).padStart(5, '0')}.eml`), Buffer.concat(chunks));
      cb();
    });
  },
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
