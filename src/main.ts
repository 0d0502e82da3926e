import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { EnvironmentError, publicUrl, validateEnvironment } from './config/environment';
import { prepareDatabasePath } from './database/sqlite/database-path';
import { MAIL_TRANSPORT, MailTransport } from './notifications/mail/mail-transport';
import { checkMailSettings, describeMailTransport } from './notifications/mail/mail-transport.provider';

async function main(): Promise<void> {
  let env;
  try {
    env = validateEnvironment(process.env);
    checkMailSettings(env);
    if (!env.DATABASE_URL) prepareDatabasePath(env.DATABASE_PATH);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  closeGracefully(app);
  const mail = describeMailTransport(app.get<MailTransport>(MAIL_TRANSPORT));
  Logger.log(`Reform Tracker listening on ${publicUrl(env)} (API docs at /docs; notification emails ${mail})`, 'Bootstrap');
}

/** How long a shutdown may take before the process exits anyway (orchestrators wait about 30 s). */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * SIGTERM or SIGINT: stop accepting connections and let the requests under way finish (HTTP close),
 * then let the mail sends under way finish while unstarted claims go back to the outbox (the
 * dispatcher's onModuleDestroy), then close the database, and exit 0.
 */
function closeGracefully(app: NestFastifyApplication): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    Logger.log(`${signal}: finishing the requests and emails under way, then stopping`, 'Bootstrap');
    setTimeout(() => {
      process.stderr.write(`Shutdown took longer than ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app
      .getHttpAdapter()
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
