import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MailTransport, type OutgoingMail } from './mail-transport';
import { composeMessage } from './mime-message';

/**
 * With no SMTP server configured, each email is written as an RFC 5322 message (`.eml`, built
 * exactly as the SMTP driver sends it, by mime-message.ts) into a folder, so a new user sees what would be sent. Mail
 * programs open .eml files; for a terminal, the text part is also written, decoded, beside it (`.txt`),
 * since in the .eml it is quoted-printable and its links are wrapped. One pair of files per
 * notification, named after it: a resend overwrites, never doubles.
 */
export class FileMailTransport implements MailTransport {
  readonly kind = 'file';
  constructor(readonly folder: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    const { raw } = await composeMessage(mail, new Date());
    mkdirSync(this.folder, { recursive: true });
    const base = join(this.folder, mail.reference.replace(/[^A-Za-z0-9_-]/g, '_'));
    const readable = `From: ${mail.from}\nTo: ${mail.to}\nSubject: ${mail.subject}\nMessage-ID: ${mail.messageId}\n\n${mail.text}`;
    // Write then rename, so a reader never sees half a message.
    for (const [file, content] of [
      [`${base}.txt`, readable],
      [`${base}.eml`, raw],
    ] as const) {
      writeFileSync(`${file}.partial`, content);
      renameSync(`${file}.partial`, file);
    }
  }

  /** Writes and removes a probe file: the folder exists (or can be made) and takes files. */
  async verify(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const probe = join(this.folder, `.health-${process.pid}.partial`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  }

  async close(): Promise<void> {}
}
