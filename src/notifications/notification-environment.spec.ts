import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimSigning, EnvironmentError, validateEnvironment } from '../config/environment';

describe('the notification settings of the environment', () => {
  it('has defaults: file driver, tracker@localhost, a scan every minute, 8 attempts, 48-hour links', () => {
    expect(validateEnvironment({})).toMatchObject({
      SMTP_URL: undefined,
      MAIL_FROM: 'Reform Tracker <tracker@localhost>',
      NOTIFY_INTERVAL_SECONDS: 60,
      NOTIFY_MAX_ATTEMPTS: 8,
      CONFIRM_TOKEN_TTL_HOURS: 48,
      CONFIRMATIONS_PER_MAILBOX_PER_DAY: 3,
      MAIL_HEALTH_CHECK_SECONDS: 30,
      NOTIFY_LEASE_SECONDS: 300,
    });
    expect(validateEnvironment({ CONFIRMATIONS_PER_MAILBOX_PER_DAY: '10' }).CONFIRMATIONS_PER_MAILBOX_PER_DAY).toBe(10);
  });

  it('reads given values', () => {
    expect(
      validateEnvironment({
        SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465',
        MAIL_FROM: 'tracker@example.org',
        MAIL_RETURN_PATH: 'bounces@example.org',
        NOTIFY_INTERVAL_SECONDS: '0',
        NOTIFY_MAX_ATTEMPTS: '3',
        CONFIRM_TOKEN_TTL_HOURS: '1',
      }),
    ).toMatchObject({
      SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465',
      MAIL_RETURN_PATH: 'bounces@example.org',
      NOTIFY_INTERVAL_SECONDS: 0,
      NOTIFY_MAX_ATTEMPTS: 3,
      CONFIRM_TOKEN_TTL_HOURS: 1,
    });
  });

  it.each([
    ['SMTP_URL', 'mail.example.org', /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    ['SMTP_URL', 'https://mail.example.org', /SMTP_URL/],
    ['MAIL_FROM', 'Reform Tracker', /MAIL_FROM must be an address/],
    ['NOTIFY_INTERVAL_SECONDS', '-1', /NOTIFY_INTERVAL_SECONDS must be a whole number/],
    ['NOTIFY_INTERVAL_SECONDS', 'often', /NOTIFY_INTERVAL_SECONDS/],
    ['NOTIFY_MAX_ATTEMPTS', '0', /NOTIFY_MAX_ATTEMPTS must be a whole number from 1 to 50/],
    ['CONFIRM_TOKEN_TTL_HOURS', '1000', /CONFIRM_TOKEN_TTL_HOURS must be a whole number of hours/],
    ['CONFIRMATIONS_PER_MAILBOX_PER_DAY', '0', /CONFIRMATIONS_PER_MAILBOX_PER_DAY must be a whole number from 1 to 100/],
    ['CONFIRMATIONS_PER_MAILBOX_PER_DAY', 'many', /CONFIRMATIONS_PER_MAILBOX_PER_DAY/],
    ['MAIL_RETURN_PATH', 'Bounces <bounces@example.org>', /MAIL_RETURN_PATH must be a bare address/],
    ['NOTIFY_LEASE_SECONDS', '30', /NOTIFY_LEASE_SECONDS must be a whole number of seconds from 60 to 3600/],
    ['MAIL_HEALTH_CHECK_SECONDS', '-1', /MAIL_HEALTH_CHECK_SECONDS must be a whole number of seconds from 0 to 3600/],
  ])('stops on %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(EnvironmentError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });

  it('tags the return path per email with MAIL_VERP, which needs MAIL_RETURN_PATH with room for the tag', () => {
    expect(validateEnvironment({}).MAIL_VERP).toBe('false');
    expect(validateEnvironment({ MAIL_VERP: 'true', MAIL_RETURN_PATH: 'bounces@example.org' }).MAIL_VERP).toBe('true');
    expect(() => validateEnvironment({ MAIL_VERP: 'yes', MAIL_RETURN_PATH: 'bounces@example.org' })).toThrow(
      /MAIL_VERP must be true or false/,
    );
    expect(() => validateEnvironment({ MAIL_VERP: 'true' })).toThrow(/MAIL_VERP: needs MAIL_RETURN_PATH/);
    expect(() => validateEnvironment({ MAIL_VERP: 'true', MAIL_RETURN_PATH: `${'b'.repeat(32)}@example.org` })).toThrow(
      /MAIL_RETURN_PATH: with MAIL_VERP its part before the @ must be at most 31 characters/,
    );
    expect(validateEnvironment({ MAIL_VERP: 'true', MAIL_RETURN_PATH: `${'b'.repeat(31)}@example.org` }).MAIL_VERP).toBe('true');
  });

  it('never repeats an SMTP_URL, which may hold a password', () => {
    expect(() => validateEnvironment({ SMTP_URL: 'ftp://user:secret@host' })).toThrow(/^(?![\s\S]*secret)/);
  });
});

describe('DKIM signing settings', () => {
  const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const base = { DKIM_DOMAIN: 'tracker.example.org', DKIM_SELECTOR: 's2026' };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dkim-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is off without any DKIM_* variable', () => {
    expect(dkimSigning(validateEnvironment({}))).toBeUndefined();
  });

  it('takes the key as PEM (with \\n escapes, as one-line env files have it) or from a file', () => {
    const inline = dkimSigning(validateEnvironment({ ...base, DKIM_PRIVATE_KEY: ed25519.replace(/\n/g, '\\n') }));
    expect(inline).toEqual({ domainName: 'tracker.example.org', keySelector: 's2026', privateKey: ed25519 });
    const file = join(dir, 'dkim.pem');
    writeFileSync(file, ed25519);
    expect(dkimSigning(validateEnvironment({ ...base, DKIM_PRIVATE_KEY_FILE: file }))?.privateKey).toBe(ed25519);
  });

  it.each([
    ['no domain', { DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: 'x' }, /DKIM_DOMAIN: DKIM signing needs the signing domain/],
    ['no selector', { DKIM_DOMAIN: 'example.org', DKIM_PRIVATE_KEY: 'x' }, /DKIM_SELECTOR: DKIM signing needs the selector/],
    [
      'a bare host name',
      { DKIM_DOMAIN: 'localhost', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: 'x' },
      /DKIM_DOMAIN must be a domain name/,
    ],
    ['no key', base, /DKIM_PRIVATE_KEY: give the private key/],
    ['both key sources', { ...base, DKIM_PRIVATE_KEY: 'x', DKIM_PRIVATE_KEY_FILE: '/k.pem' }, /one of the two/],
    ['a key that is not PEM', { ...base, DKIM_PRIVATE_KEY: 'not a key' }, /DKIM_PRIVATE_KEY: is not a PEM private key/],
    [
      'a 1024-bit RSA key',
      { ...base, DKIM_PRIVATE_KEY: rsa1024 },
      /DKIM_PRIVATE_KEY: must be an RSA key of 2048 bits or more.*got rsa 1024/,
    ],
    [
      'a missing key file',
      { ...base, DKIM_PRIVATE_KEY_FILE: '/nonexistent/dkim.pem' },
      /DKIM_PRIVATE_KEY_FILE: cannot read \/nonexistent\/dkim.pem \(ENOENT\)/,
    ],
  ])('stops at start on %s, naming the variable', (_label, vars, message) => {
    expect(() => validateEnvironment(vars)).toThrow(EnvironmentError);
    expect(() => validateEnvironment(vars)).toThrow(message);
  });

  it('never repeats the key in a message', () => {
    const broken = ed25519.replace('MC4C', 'XXXX');
    expect(() => validateEnvironment({ ...base, DKIM_PRIVATE_KEY: broken })).toThrow(/^(?![\s\S]*XXXX)/);
  });
});
