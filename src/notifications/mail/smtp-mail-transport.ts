import { PassThrough } from 'node:stream';
import { createTransport } from 'nodemailer';
import DKIM from 'nodemailer/lib/dkim';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { DkimSigning } from '../../config/environment';
import { type MailTransport, type OutgoingMail } from './mail-transport';
import { composeMessage, type MimeMessage } from './mime-message';

/** Connections the pool keeps open. */
const POOL_CONNECTIONS = 5;

/**
 * Sends through SMTP_URL with nodemailer's pool: a few long-lived connections (PIPELINING, when the
 * server offers it, sends MAIL FROM, RCPT TO and DATA in one segment), and explicit timeouts so a
 * silent server fails an attempt (and it is retried) instead of holding a lease for minutes.
 *
 * The message is built once (mime-message.ts) and handed to the pool as its bytes: the pool takes a
 * transport's mail object (what nodemailer's Mailer would pass it: `message.getEnvelope()`,
 * `messageId()`, `getHeader()`, `createReadStream()`), and going through Mailer and a MimeNode for
 * bytes already built cost more CPU than building them (test/bench/README.md).
 */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  /** Twice the pool's connections: each has its next message waiting when a reply comes back. */
  readonly concurrency = 2 * POOL_CONNECTIONS;
  private readonly pool: SMTPPool;

  /** Signs each message's bytes as nodemailer's `dkim` option would (DKIM_* settings), or undefined. */
  private readonly dkim: DKIM | undefined;

  /** `dkim`: nodemailer's own DKIM signing of every message (DKIM_* settings), or none. */
  constructor(
    private readonly url: string,
    dkim?: DkimSigning,
  ) {
    this.dkim = dkim ? new DKIM(dkim) : undefined;
    this.pool = new SMTPPool({
      url,
      maxConnections: POOL_CONNECTIONS,
      // A connection is reused for this many messages, then replaced (servers limit a session too).
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
    });
    // Failures reach each send's callback; an event with no listener would end the process.
    this.pool.on('error', () => undefined);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message = await composeMessage(mail, new Date());
    await new Promise<void>((resolve, reject) =>
      this.pool.send(poolMail(mail.messageId, message, this.dkim), (error) => (error ? reject(error) : resolve())),
    );
  }

  /**
   * Connects, greets and logs in on a fresh connection (nodemailer's verify), with every timeout
   * capped at `timeoutMs`, then quits. The pool's own connections are not touched.
   */
  async verify(timeoutMs: number): Promise<void> {
    const probe = createTransport({
      url: this.url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });
    try {
      await probe.verify();
    } finally {
      probe.close();
    }
  }

  async close(): Promise<void> {
    this.pool.close();
  }
}

/**
 * The mail object the pool sends, for a message already built; with `dkim`, its bytes are signed on
 * the way out (nodemailer's DKIM signer, the one its Mailer runs for the `dkim` option).
 */
function poolMail(messageId: string, { envelope, raw }: MimeMessage, dkim?: DKIM): MailMessage<SMTPPool.SentMessageInfo> {
  const message = {
    getEnvelope: () => ({ from: envelope.from, to: [...envelope.to] }),
    messageId: () => messageId,
    getHeader: (name: string) => (name.toLowerCase() === 'message-id' ? messageId : undefined),
    createReadStream: () => {
      if (dkim) return dkim.sign(raw);
      const stream = new PassThrough();
      stream.end(raw);
      return stream;
    },
  };
  return { data: {}, message } as unknown as MailMessage<SMTPPool.SentMessageInfo>;
}
