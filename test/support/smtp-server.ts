/**
 * A real SMTP server on loopback for the notification tests (the `smtp-server` package): it records
 * every message it accepts, can be told to answer DATA with an error (451, 550…), and can be stopped
 * and started again on the same port to play an outage. It can also require a login and refuse it
 * (a wrong SMTP password), or refuse the envelope sender at MAIL FROM (a relay that does not accept
 * MAIL_FROM), or answer slowly (`delayMs`). Nothing about nodemailer is mocked.
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  headers: Map<string, string>;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
  to: string[];
  /** The envelope sender the client gave at MAIL FROM (where bounces go). */
  envelopeFrom?: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  /** Accepted messages, in order. */
  received: ReceivedMail[];
  /** Every DATA command seen, accepted or not. */
  attempts: number;
  /** Every connection opened to the server (a send's pooled connection, or a check's own). */
  connections: number;
  /** Decide the answer to the next DATA: undefined accepts; an SMTP code rejects with that code. */
  reply: (mail: ReceivedMail) => number | undefined;
  /** Whether a login is accepted (asked only when the client logs in; see `requireAuth`). */
  login: (user: string, pass: string) => boolean;
  /** Logins refused so far. */
  refusedLogins: number;
  /** Decide the answer to MAIL FROM: undefined accepts; an SMTP code rejects with that code. */
  mailFrom: (address: string) => number | undefined;
  /** MAIL FROM commands refused so far. */
  refusedSenders: number;
  /** Decide the answer to RCPT TO: undefined accepts; an SMTP code rejects with that code. */
  rcpt: (address: string) => number | undefined;
  /** How long the server takes to answer each DATA (a slow relay), in ms. */
  delayMs: number;
  /**
   * The ambiguous reply: when true for a message, the server stores it (in `received`) and then
   * closes the connection without answering DATA, so the client cannot know it was taken.
   */
  dropAfterData: (mail: ReceivedMail) => boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (a free port unless `port` is given). */
export async function startSmtp(port = 0, options: { requireAuth?: boolean } = {}): Promise<TestSmtp> {
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    port,
    url: '',
    received: [],
    attempts: 0,
    connections: 0,
    reply: () => undefined,
    login: () => true,
    refusedLogins: 0,
    mailFrom: () => undefined,
    refusedSenders: 0,
    rcpt: () => undefined,
    delayMs: 0,
    dropAfterData: () => false,
    stop: async () => {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start: async () => {
      const s = new SMTPServer({
        authOptional: !options.requireAuth,
        // Loopback, no TLS: let the client log in over plain text.
        allowInsecureAuth: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        // Idle pooled connections are told 421 and closed at once when the test stops the server.
        closeTimeout: 50,
        onConnect(_session, callback) {
          smtp.connections++;
          callback();
        },
        onAuth(auth, _session, callback) {
          if (smtp.login(auth.username ?? '', auth.password ?? '')) return callback(null, { user: auth.username });
          smtp.refusedLogins++;
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        },
        onMailFrom(address, _session, callback) {
          const code = smtp.mailFrom(address.address);
          if (code === undefined) return callback();
          smtp.refusedSenders++;
          callback(
            Object.assign(new Error(code >= 500 ? `5.7.1 <${address.address}>: Sender address rejected` : 'Try again later'), {
              responseCode: code,
            }),
          );
        },
        onRcptTo(address, _session, callback) {
          const code = smtp.rcpt(address.address);
          if (code === undefined) return callback();
          callback(
            Object.assign(new Error(code >= 500 ? '5.1.1 Recipient address rejected: User unknown' : 'Try again later'), {
              responseCode: code,
            }),
          );
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => setTimeout(answer, smtp.delayMs));
          const answer = () => {
            smtp.attempts++;
            const mail = parseMail(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address),
            );
            const { mailFrom } = session.envelope;
            if (mailFrom) mail.envelopeFrom = mailFrom.address;
            if (smtp.dropAfterData(mail)) {
              smtp.received.push(mail);
              // smtp-server keeps its connections; the one of this session loses its socket, unanswered.
              const connections = (s as unknown as { connections: Set<{ session: unknown; _socket: { destroy(): void } }> })
                .connections;
              for (const c of connections) if (c.session === session) c._socket.destroy();
              return;
            }
            const code = smtp.reply(mail);
            if (code !== undefined) {
              callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
              return;
            }
            smtp.received.push(mail);
            callback();
          };
        },
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(smtp.port, '127.0.0.1', () => resolve());
      });
      server = s;
      smtp.port = (s.server.address() as AddressInfo).port;
      smtp.url = `smtp://127.0.0.1:${smtp.port}`;
    },
  };
  await smtp.start();
  return smtp;
}

function decode(body: string, encoding: string | undefined): string {
  if (/quoted-printable/i.test(encoding ?? '')) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/base64/i.test(encoding ?? '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function headerMap(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  return headers;
}

/** Enough MIME for these tests: headers, and the text and HTML parts of a multipart/alternative message. */
export function parseMail(raw: string, to: string[] = []): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headerMap(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const at = part.search(/\r?\n\r?\n/);
      if (at < 0) continue;
      const h = headerMap(part.slice(0, at).replace(/^\r?\n/, ''));
      const type = (h.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (type)
        parts[type] = decode(
          part
            .slice(at)
            .replace(/^\r?\n\r?\n/, '')
            .replace(/\r?\n$/, ''),
          h.get('content-transfer-encoding'),
        );
    }
  } else {
    parts[(headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase()] = decode(
      body,
      headers.get('content-transfer-encoding'),
    );
  }
  return { raw, headers, text: parts['text/plain'] ?? '', html: parts['text/html'] ?? '', to };
}

/** The first URL in `text` whose path starts with `path`. */
export function linkTo(text: string, path: string): string {
  const m = new RegExp(`https?://[^\\s<>"]*${path.replace(/[/?]/g, '\\$&')}[^\\s<>"]*`).exec(text);
  if (!m) throw new Error(`no link to ${path} in:\n${text}`);
  return m[0];
}

/** Path and query of a URL, to replay it against the test app. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
