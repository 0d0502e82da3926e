import { createTransport } from 'nodemailer';
import type { DkimSigning } from '../../config/environment';
import { nodemailerMessage, type MailTransport, type OutgoingMail } from './mail-transport';

/** Connections the pool keeps open. */
const POOL_CONNECTIONS = 5;

/**
 * Sends through SMTP_URL with nodemailer's pool: a few long-lived connections (PIPELINING, when the
 * server offers it, sends MAIL FROM, RCPT TO and DATA in one segment), and explicit timeouts so a
 * silent server fails an attempt (and it is retried) instead of holding a lease for minutes.
 */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  /** Twice the pool's connections: each has its next message waiting when a reply comes back. */
  readonly concurrency = 2 * POOL_CONNECTIONS;
  private readonly transporter;

  /** `dkim`: nodemailer's own DKIM signing of every message (DKIM_* settings), or none. */
  constructor(
    private readonly url: string,
    dkim?: DkimSigning,
  ) {
    this.transporter = createTransport({
      ...(dkim ? { dkim } : {}),
      pool: true,
      url,
      maxConnections: POOL_CONNECTIONS,
      // A connection is reused for this many messages, then replaced (servers limit a session too).
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(nodemailerMessage(mail));
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
    this.transporter.close();
  }
}
