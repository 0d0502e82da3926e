/**
 * A loopback SMTP server that accepts every message and counts it, for the notification dispatch
 * scenario. Uses `smtp-server` (a devDependency, the same one the e2e tests use).
 *
 *   const sink = await startSmtpSink();
 *   process.env.SMTP_URL = sink.url;   // smtp://127.0.0.1:<port>
 *   ... dispatch ...
 *   await sink.waitFor(n);             // resolves when n messages have been received
 *   await sink.close();
 */
const { setTimeout } = require('node:timers');
const { SMTPServer } = require('smtp-server');

function startSmtpSink() {
  let received = 0;
  const waiters = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        for (const w of [...waiters]) {
          if (received >= w.n) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(received);
          }
        }
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address();
      resolve({
        port,
        url: `smtp://127.0.0.1:${port}`,
        count: () => received,
        waitFor: (n, timeoutMs = 600_000) =>
          received >= n
            ? Promise.resolve(received)
            : new Promise((res, rej) => {
                const w = { n, resolve: res };
                waiters.push(w);
                setTimeout(
                  () => rej(new Error(`SMTP sink: ${received} of ${n} messages after ${timeoutMs} ms`)),
                  timeoutMs,
                ).unref();
              }),
        close: () => new Promise((res) => server.close(() => res())),
      });
    });
  });
}

module.exports = { startSmtpSink };
