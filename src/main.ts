import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { EnvironmentError, publicUrl, validateEnvironment } from './config/environment';
import { MAIL_TRANSPORT, MailTransport } from './notifications/mail/mail-transport';
import { describeMailTransport } from './notifications/mail/mail-transport.provider';

async function main(): Promise<void> {
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  const mail = describeMailTransport(app.get<MailTransport>(MAIL_TRANSPORT));
  Logger.log(`Reform Tracker listening on ${publicUrl(env)} (API docs at /docs; notification emails ${mail})`, 'Bootstrap');
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
