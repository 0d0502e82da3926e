import fc from 'fast-check';
import {
  afterFailure,
  BACKOFF_CAP_MS,
  backoffDelayMs,
  classifySendError,
  describeSendError,
  isTransportFault,
  transportPauseMs,
} from './delivery-rules';
import { dedupeKeys, mailboxKey, messageIdFor } from './notification-keys';

const smtpError = (responseCode: number, message = 'rejected') =>
  Object.assign(new Error(message), { code: 'EENVELOPE', responseCode, permanent: responseCode >= 500 && responseCode !== 503 });

describe('classifySendError', () => {
  it.each([
    [421, 'transient'],
    [450, 'transient'],
    [451, 'transient'],
    [452, 'transient'],
    [500, 'permanent'],
    [503, 'transient'],
    [550, 'permanent'],
    [552, 'permanent'],
    [554, 'permanent'],
  ])('SMTP %i is %s', (code, expected) => {
    expect(classifySendError(smtpError(code))).toBe(expected);
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EAUTH'])(
    '%s without a reply is transient',
    (code) => {
      expect(classifySendError(Object.assign(new Error('x'), { code }))).toBe('transient');
    },
  );

  it.each(['EENVELOPE', 'EMESSAGE'])('%s without a reply is permanent', (code) => {
    expect(classifySendError(Object.assign(new Error('x'), { code }))).toBe('permanent');
  });

  it('trusts nodemailer’s permanent flag when there is no reply code', () => {
    expect(classifySendError({ permanent: true })).toBe('permanent');
  });

  it('retries what it does not recognise', () => {
    expect(classifySendError(new Error('boom'))).toBe('transient');
    expect(classifySendError(undefined)).toBe('transient');
    expect(classifySendError('a string')).toBe('transient');
  });
});

describe('isTransportFault', () => {
  // As nodemailer builds them: code, SMTP reply and the command that failed.
  const nm = (code: string, command: string, reply?: number, message = 'failed') =>
    Object.assign(new Error(message), { code, command, ...(reply ? { responseCode: reply, permanent: reply >= 500 } : {}) });

  it.each([
    ['a refused connection', nm('ESOCKET', 'CONN', undefined, 'connect ECONNREFUSED 127.0.0.1:25')],
    ['a greeting timeout', nm('ETIMEDOUT', 'CONN')],
    ['a 554 greeting', nm('EPROTOCOL', 'CONN', 554)],
    ['EHLO refused', nm('ECONNECTION', 'EHLO', 521)],
    ['STARTTLS failing', nm('ETLS', 'STARTTLS', 454)],
    ['a wrong password (535)', nm('EAUTH', 'AUTH PLAIN', 535, 'Invalid login')],
    ['530 must issue STARTTLS first', nm('EAUTH', 'AUTH LOGIN', 530)],
    ['a refused sender (550 at MAIL FROM)', nm('EENVELOPE', 'MAIL FROM', 550)],
    ['a malformed MAIL_FROM', nm('EENVELOPE', 'API', undefined, 'Invalid sender "x"')],
    ['missing credentials', nm('EAUTH', 'API')],
  ])('%s is the transport’s fault, never permanent', (_name, error) => {
    expect(isTransportFault(error)).toBe(true);
    expect(classifySendError(error)).toBe('transient');
  });

  it.each([
    ['550 at RCPT TO', nm('EENVELOPE', 'RCPT TO', 550), 'permanent'],
    ['451 at RCPT TO', nm('EENVELOPE', 'RCPT TO', 451), 'transient'],
    ['554 at DATA', nm('EMESSAGE', 'DATA', 554), 'permanent'],
    ['452 at DATA', nm('EMESSAGE', 'DATA', 452), 'transient'],
    ['a message too large (at MAIL FROM)', nm('EMESSAGE', 'MAIL FROM'), 'permanent'],
    ['an invalid recipient', nm('EENVELOPE', 'API', undefined, 'Invalid recipient "x"'), 'permanent'],
  ])('%s is about the message or recipient', (_name, error, kind) => {
    expect(isTransportFault(error)).toBe(false);
    expect(classifySendError(error)).toBe(kind);
  });

  it('says so in the description', () => {
    expect(describeSendError(nm('EAUTH', 'AUTH PLAIN', 535, 'Invalid login'), 'transient', true)).toBe(
      'transient (mail transport) EAUTH 535 at AUTH PLAIN: Invalid login',
    );
  });

  it('pauses a failing transport for half the time it has failed, from 30 s to 10 min', () => {
    expect(transportPauseMs(0)).toBe(30_000);
    expect(transportPauseMs(4 * 60_000)).toBe(120_000);
    expect(transportPauseMs(5 * 3_600_000)).toBe(600_000);
  });
});

describe('backoffDelayMs', () => {
  it('grows by three from one minute, with the jitter in the upper half', () => {
    expect(backoffDelayMs(1, 0)).toBe(30_000);
    expect(backoffDelayMs(1, 1)).toBe(60_000);
    expect(backoffDelayMs(2, 1)).toBe(180_000);
    expect(backoffDelayMs(3, 1)).toBe(540_000);
    expect(backoffDelayMs(2, 0.5)).toBe(135_000);
  });

  it('is capped at six hours', () => {
    expect(backoffDelayMs(20, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(1000, 1)).toBe(BACKOFF_CAP_MS);
  });

  it('is always positive, never above the cap, and never shrinks as attempts grow (same jitter)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const d = backoffDelayMs(attempt, r);
        expect(d).toBeGreaterThan(0);
        expect(d).toBeLessThanOrEqual(BACKOFF_CAP_MS);
        expect(backoffDelayMs(attempt + 1, r)).toBeGreaterThanOrEqual(d);
      }),
    );
  });
});

describe('afterFailure', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('schedules a transient failure for later', () => {
    expect(afterFailure(1, 8, 'transient', now, 1)).toEqual({
      state: 'pending',
      nextAttemptAt: new Date('2026-01-01T00:01:00Z'),
    });
  });

  it('gives up after the last attempt', () => {
    expect(afterFailure(8, 8, 'transient', now, 0.3)).toEqual({ state: 'dead' });
  });

  it('never retries a permanent failure', () => {
    expect(afterFailure(1, 8, 'permanent', now, 0.3)).toEqual({ state: 'dead' });
  });
});

describe('describeSendError', () => {
  it('keeps the kind, code, reply and message on one bounded line', () => {
    expect(describeSendError(smtpError(550, 'Mailbox\nunavailable'), 'permanent')).toBe(
      'permanent EENVELOPE 550: Mailbox unavailable',
    );
    expect(describeSendError(new Error('x'.repeat(5000)), 'transient').length).toBe(1000);
  });
});

describe('dedupe keys and Message-IDs', () => {
  it('names each reason for an email once', () => {
    const box = mailboxKey('me@example.org');
    expect(box).toMatch(/^[0-9a-f]{16}$/);
    expect(mailboxKey('me@example.org')).toBe(box);
    expect(mailboxKey('you@example.org')).not.toBe(box);
    expect(dedupeKeys.reminder(box, 12, 7)).toBe(`reminder:${box}:12:7`);
    expect(dedupeKeys.missed(box, 12)).toBe(`missed:${box}:12`);
    expect(dedupeKeys.statusChange(box, 99)).toBe(`status:${box}:99`);
    expect(dedupeKeys.finding(box, 5)).toBe(`finding:${box}:5`);
    expect(dedupeKeys.confirm(3, 1)).toBe('confirm:3:1');
    expect(dedupeKeys.digest(3, '2026-01-01')).toBe('digest:3:2026-01-01');
  });

  it('derives a deterministic Message-ID from the notification', () => {
    const id = messageIdFor(42, 'reminder:3:12:7', 'tracker.example.org');
    expect(id).toMatch(/^<notification-42\.[0-9a-f]{12}@tracker\.example\.org>$/);
    expect(messageIdFor(42, 'reminder:3:12:7', 'tracker.example.org')).toBe(id);
    expect(messageIdFor(42, 'reminder:3:12:1', 'tracker.example.org')).not.toBe(id);
  });
});
