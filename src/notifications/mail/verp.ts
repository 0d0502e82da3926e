/**
 * VERP (MAIL_VERP): each email's envelope sender is MAIL_RETURN_PATH tagged with the email it
 * carries, `bounces+<id>-<signature>@example.org`, so a bounce that comes back says which email
 * bounced, and so which mailbox, whatever the bounce message itself contains. The tag is the outbox
 * row's id (base 36) and an HMAC-SHA256 (the server's secret, the one that signs cursors) of that id
 * and the mailbox the email went to: nobody outside can make up a tag that suppresses someone else's
 * mailbox, and an id that later names another mailbox's email (a database restored from an older
 * backup) no longer matches its old tags. Lower-case hex and base 36, so a relay that changes the
 * case of the address changes nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_CHARS = 20;
const TAG = /^([0-9a-z]{1,11})-([0-9a-f]{20})$/;
/** The longest tag with its `+`: an id up to 2^53 in base 36 (11), `-` and the signature. */
export const VERP_TAG_LENGTH = 1 + 11 + 1 + SIGNATURE_CHARS;

const signature = (secret: Buffer, notificationId: number, mailbox: string) =>
  createHmac('sha256', secret).update(`reform-tracker-verp:${notificationId}:${mailbox}`).digest('hex').slice(0, SIGNATURE_CHARS);

/** `bounces@example.org` → `bounces+<id>-<signature>@example.org` for notification `notificationId` to `mailbox`. */
export function verpAddress(returnPath: string, notificationId: number, mailbox: string, secret: Buffer): string {
  const at = returnPath.lastIndexOf('@');
  return `${returnPath.slice(0, at)}+${notificationId.toString(36)}-${signature(secret, notificationId, mailbox)}${returnPath.slice(at)}`;
}

/**
 * The tag of a VERP address (`bounces+<id>-<signature>@example.org`, or the tag `<id>-<signature>`
 * alone), or undefined when it has none. Says nothing about whether it is genuine: see verpMatches.
 */
export function verpTagOf(address: string): { notificationId: number; signature: string } | undefined {
  const at = address.lastIndexOf('@');
  const local = (at < 0 ? address : address.slice(0, at)).toLowerCase();
  const match = TAG.exec(local.slice(local.lastIndexOf('+') + 1));
  if (!match) return undefined;
  const notificationId = parseInt(match[1], 36);
  return Number.isSafeInteger(notificationId) && notificationId > 0 ? { notificationId, signature: match[2] } : undefined;
}

/** Whether `tag` was made by verpAddress for that notification to `mailbox`, with `secret`. */
export function verpMatches(tag: { notificationId: number; signature: string }, mailbox: string, secret: Buffer): boolean {
  const expected = Buffer.from(signature(secret, tag.notificationId, mailbox));
  const given = Buffer.from(tag.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
