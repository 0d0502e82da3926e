import { Logger, Provider } from '@nestjs/common';
import { dirname, join } from 'node:path';
import { dkimSigning, Environment, EnvironmentError } from '../../config/environment';
import { FileMailTransport } from './file-mail-transport';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** The folder the file driver writes to: MAIL_OUTBOX_DIR, else `outbox/` beside the database file. */
export function outboxFolder(env: Environment): string {
  return env.MAIL_OUTBOX_DIR ?? join(dirname(env.DATABASE_PATH), 'outbox');
}

/** Where emails go, for the start-up line: never the SMTP URL itself (it may hold a password). */
export function describeMailTransport(transport: MailTransport): string {
  return transport instanceof FileMailTransport ? `written to ${transport.folder} (no SMTP_URL)` : 'sent by SMTP';
}

/**
 * Stops a process that would send mail (the server, `notify:run-once`) with the file driver on
 * PostgreSQL unless MAIL_OUTBOX_DIR is set: each instance sends what it claims, so a folder on one
 * instance's disk would hold only its share of the mail. (Other CLI commands never send, so they
 * need neither setting.)
 * @throws EnvironmentError naming the variable.
 */
export function checkMailSettings(env: Environment): void {
  if (env.DATABASE_URL && !env.SMTP_URL && !env.MAIL_OUTBOX_DIR) {
    throw new EnvironmentError(
      'Invalid configuration:\n  MAIL_OUTBOX_DIR: with DATABASE_URL (PostgreSQL, where several instances may run), set SMTP_URL, ' +
        'or MAIL_OUTBOX_DIR to a folder every instance shares for the file mail driver',
    );
  }
}

export function createMailTransport(env: Environment): MailTransport {
  return env.SMTP_URL ? new SmtpMailTransport(env.SMTP_URL, dkimSigning(env)) : new FileMailTransport(outboxFolder(env));
}

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [Environment],
  useFactory: (env: Environment): MailTransport => {
    const transport = createMailTransport(env);
    // main.ts says where mail goes in its one start-up line.
    Logger.debug(`Mail: ${describeMailTransport(transport)}`, 'Notifications');
    return transport;
  },
};
