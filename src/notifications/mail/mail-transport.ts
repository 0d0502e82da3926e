/**
 * Where emails go. The dispatcher hands a finished message to a MailTransport and learns only
 * whether it was accepted; whether that meant an SMTP server or a file on disk is the driver's affair.
 */
import type { SendMailOptions } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@host>`, the same on every attempt, so a resend after a crash is recognisably the same email. */
  messageId: string;
  /** The envelope sender (MAIL FROM, where bounces go: MAIL_RETURN_PATH); the From address when absent. */
  returnPath?: string;
  headers: Record<string, string>;
  /** A name for logs and for the file driver (`000042-reminder`). */
  reference: string;
}

/** The message as nodemailer's MailComposer takes it (mime-message.ts, for what it does not build itself). */
export function nodemailerMessage(mail: OutgoingMail): SendMailOptions {
  const { from, to, subject, text, html, messageId, headers } = mail;
  return { from, to, subject, text, html, messageId, headers };
}

export interface MailTransport {
  /** `smtp` or `file`, for logs and health. */
  readonly kind: string;
  /** How many sends are worth having in flight at once (the dispatcher's default concurrency). */
  readonly concurrency?: number;
  /** Resolves when the message was accepted; rejects with the driver's error (nodemailer's, for SMTP). */
  send(mail: OutgoingMail): Promise<void>;
  /**
   * For /health: resolves if mail could be handed over now (the SMTP server greets and accepts the
   * login; the outbox folder takes a file), rejects with the reason otherwise, within `timeoutMs`.
   */
  verify(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
