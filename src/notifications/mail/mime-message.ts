/**
 * The bytes of an email (RFC 5322, multipart/alternative, UTF-8, quoted-printable) and its SMTP
 * envelope, built once per message with nodemailer's own encoders, so a driver only hands them over.
 *
 * Why not nodemailer's MailComposer for every message: at 1,000 emails/s it was about half of the
 * dispatcher's CPU time (a MIME tree, several Node streams and address parsing per message), and
 * the tracker's emails all have one shape. Anything outside that shape (an address or a header with
 * non-ASCII characters, which needs punycode, SMTPUTF8 or encoded words) is still composed by
 * MailComposer, so nodemailer decides those as it always did.
 */
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import { nodemailerMessage, type OutgoingMail } from './mail-transport';

export interface MimeMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

// Printable ASCII without CR/LF: what a header may carry as it is.
const PLAIN = /^[\x20-\x7e]*$/;

/** The message for `mail`, dated `date` (a resend keeps its Message-ID; only Date differs). */
export async function composeMessage(mail: OutgoingMail, date: Date): Promise<MimeMessage> {
  return composeFast(mail, date) ?? composeWithNodemailer(mail, date);
}

/** The common case, built directly; undefined when anything needs nodemailer's encoding. */
function composeFast(mail: OutgoingMail, date: Date): MimeMessage | undefined {
  const from = senderOf(mail.from);
  if (!from || !PLAIN.test(mail.to) || !PLAIN.test(mail.messageId) || !Object.values(mail.headers).every((v) => PLAIN.test(v)))
    return undefined;
  const boundary = `--_rt-${randomBytes(12).toString('hex')}`;
  const header = (name: string, value: string) => foldLines(`${name}: ${value}`, 76);
  const lines = [
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    header('From', from.header),
    header('To', mail.to),
    header('Subject', PLAIN.test(mail.subject) ? mail.subject : encodeWords(mail.subject, 'Q', 52)),
    `Message-ID: ${mail.messageId}`,
    ...Object.entries(mail.headers).map(([name, value]) => header(name, value)),
    `Date: ${date.toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(mail.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(mail.html),
    `--${boundary}--`,
    '',
  ];
  return { envelope: { from: mail.returnPath ?? from.address, to: [mail.to] }, raw: Buffer.from(lines.join('\r\n')) };
}

/** A body part, quoted-printable, with CRLF line ends (its own line breaks included). */
const quotedPrintable = (body: string) =>
  qpWrap(qpEncode(Buffer.from(body.replace(/\r?\n/g, '\r\n'))), 76).replace(/\r?\n/g, '\r\n');

const senders = new Map<string, { address: string; header: string } | null>();

/** The sender's address and From header, when both are plain ASCII (parsed once per MAIL_FROM). */
function senderOf(from: string): { address: string; header: string } | null {
  let sender = senders.get(from);
  if (sender === undefined) {
    const [parsed] = addressparser(from, { flatten: true });
    const address = parsed?.address ?? '';
    const name = parsed?.name ?? '';
    sender =
      address && PLAIN.test(address) && PLAIN.test(name)
        ? {
            address,
            header: name ? `${/^[\w ]*$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`} <${address}>` : address,
          }
        : null;
    senders.set(from, sender);
  }
  return sender;
}

function composeWithNodemailer(mail: OutgoingMail, date: Date): Promise<MimeMessage> {
  const node = new MailComposer({ ...nodemailerMessage(mail), date }).compile();
  const { from, to } = node.getEnvelope();
  return new Promise((resolve, reject) =>
    node.build((error, raw) =>
      error ? reject(error) : resolve({ envelope: { from: mail.returnPath ?? (from || ''), to }, raw }),
    ),
  );
}
