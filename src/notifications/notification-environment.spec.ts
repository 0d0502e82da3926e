import { EnvironmentError, validateEnvironment } from '../config/environment';

describe('the notification settings of the environment', () => {
  it('has defaults: file driver, tracker@localhost, a scan every minute, 8 attempts, 48-hour links', () => {
    expect(validateEnvironment({})).toMatchObject({
      SMTP_URL: undefined,
      MAIL_FROM: 'Reform Tracker <tracker@localhost>',
      NOTIFY_INTERVAL_SECONDS: 60,
      NOTIFY_MAX_ATTEMPTS: 8,
      CONFIRM_TOKEN_TTL_HOURS: 48,
      CONFIRMATIONS_PER_MAILBOX_PER_DAY: 3,
    });
    expect(validateEnvironment({ CONFIRMATIONS_PER_MAILBOX_PER_DAY: '10' }).CONFIRMATIONS_PER_MAILBOX_PER_DAY).toBe(10);
  });

  it('reads given values', () => {
    expect(
      validateEnvironment({
        SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465',
        MAIL_FROM: 'tracker@example.org',
        NOTIFY_INTERVAL_SECONDS: '0',
        NOTIFY_MAX_ATTEMPTS: '3',
        CONFIRM_TOKEN_TTL_HOURS: '1',
      }),
    ).toMatchObject({
      SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465',
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
  ])('stops on %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(EnvironmentError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });

  it('never repeats an SMTP_URL, which may hold a password', () => {
    expect(() => validateEnvironment({ SMTP_URL: 'ftp://user:secret@host' })).toThrow(/^(?![\s\S]*secret)/);
  });
});
