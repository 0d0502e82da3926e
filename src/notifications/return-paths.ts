/** Envelope senders (MAIL_RETURN_PATH, tagged per email with MAIL_VERP: mail/verp.ts), and the way back from a bounce's address. */
import { Injectable } from '@nestjs/common';
import { loadCursorSecret } from '../common/pagination/cursor-secret';
import { Environment } from '../config/environment';
import { verpAddress, verpMatches } from './mail/verp';

@Injectable()
export class ReturnPaths {
  private readonly secret: Buffer;

  constructor(private readonly env: Environment) {
    this.secret = Buffer.from(loadCursorSecret(env), 'utf8');
  }

  /** MAIL FROM for notification `notificationId` to `mailbox`: tagged with MAIL_VERP, else MAIL_RETURN_PATH (or none: the From address). */
  envelopeSender(notificationId: number, mailbox: string): string | undefined {
    const base = this.env.MAIL_RETURN_PATH;
    return base && this.env.MAIL_VERP === 'true' ? verpAddress(base, notificationId, mailbox, this.secret) : base;
  }

  /** Whether `tag` is genuine for an email of `notificationId` to `mailbox`. */
  matches(tag: { notificationId: number; signature: string }, mailbox: string): boolean {
    return verpMatches(tag, mailbox, this.secret);
  }
}
