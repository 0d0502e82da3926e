import { Logger, Provider } from '@nestjs/common';
import { dirname, join } from 'node:path';
import { dkimSigning, Environment } from '../../config/environment';
import { FileMailTransport } from './file-mail-transport';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** The folder the file driver writes to: `outbox/` beside the database file. */
export function outboxFolder(env: Environment): string {
  return join(dirname(env.DATABASE_PATH), 'outbox');
}

/** Where emails go, for the start-up line: never the SMTP URL itself (it may hold a password). */
export function describeMailTransport(transport: MailTransport): string {
  return transport instanceof FileMailTransport ? `written to ${transport.folder} (no SMTP_URL)` : 'sent by SMTP';
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
