import { EnvironmentError, validateEnvironment } from '../../config/environment';
import { FileMailTransport } from './file-mail-transport';
import { checkMailSettings, createMailTransport } from './mail-transport.provider';
import { SmtpMailTransport } from './smtp-mail-transport';

describe('the mail transport a process starts with', () => {
  const POSTGRES = 'postgres://tracker@127.0.0.1:5432/tracker';

  it('on SQLite without SMTP_URL, writes files beside the database', () => {
    const transport = createMailTransport(validateEnvironment({ DATABASE_PATH: '/srv/tracker/tracker.sqlite' }));
    expect(transport).toBeInstanceOf(FileMailTransport);
    expect((transport as FileMailTransport).folder).toBe('/srv/tracker/outbox');
  });

  it('refuses the file driver on PostgreSQL unless MAIL_OUTBOX_DIR names a shared folder, naming the variable', () => {
    const env = validateEnvironment({ DATABASE_URL: POSTGRES });
    expect(() => checkMailSettings(env)).toThrow(EnvironmentError);
    expect(() => checkMailSettings(env)).toThrow(/MAIL_OUTBOX_DIR: .*SMTP_URL/);
    const sharedEnv = validateEnvironment({ DATABASE_URL: POSTGRES, MAIL_OUTBOX_DIR: '/mnt/shared/outbox' });
    expect(() => checkMailSettings(sharedEnv)).not.toThrow();
    expect((createMailTransport(sharedEnv) as FileMailTransport).folder).toBe('/mnt/shared/outbox');
    expect(() => checkMailSettings(validateEnvironment({ DATABASE_PATH: '/srv/tracker/tracker.sqlite' }))).not.toThrow();
  });

  it('sends by SMTP on PostgreSQL when SMTP_URL is set', async () => {
    const env = validateEnvironment({ DATABASE_URL: POSTGRES, SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(() => checkMailSettings(env)).not.toThrow();
    const transport = createMailTransport(env);
    expect(transport).toBeInstanceOf(SmtpMailTransport);
    await transport.close();
  });
});
