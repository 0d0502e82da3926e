/**
 * The command-line entry: `npm run cli -- <command> [args]`. Each command is a small function over
 * the same modules the server uses. Later features add their commands to COMMANDS.
 */
import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { API_KEY_ROLES, ApiKeyRole } from './auth/api-key.entity';
import { ApiKeyError, ApiKeysService } from './auth/api-keys.service';
import { Environment, EnvironmentError, publicUrl, validateEnvironment } from './config/environment';
import { dataSourceOptions, dialectOf } from './database/data-source-options';
import { migrate } from './database/migrate';
import { ServerAddress } from './database/server-address';
import { schemaDiff, writeMigration } from './database/schema-drift';
import { prepareDatabasePath } from './database/sqlite/database-path';
import { BackupError, backupDatabase } from './database/sqlite/backup';
import { FileMailTransport } from './notifications/mail/file-mail-transport';
import { MAIL_TRANSPORT, MailTransport } from './notifications/mail/mail-transport';
import { MailTransportHealth } from './notifications/mail/mail-transport-health';
import { checkMailSettings } from './notifications/mail/mail-transport.provider';
import { IMPORT_NOTIFY_MODES, type ImportNotifyMode } from './notifications/notification.entity';
import { NotificationRunner } from './notifications/notification-scheduler';
import { SeedService } from './seed/seed.service';

type Command = { usage: string; run: (args: string[]) => Promise<number> };

async function withContext<T>(fn: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const env = validateEnvironment({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (!env.DATABASE_URL) prepareDatabasePath(env.DATABASE_PATH);
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['fatal', 'error', 'warn'] });
  try {
    // Without PUBLIC_URL of its own, a command's emails link where the server runs, not to localhost:3000.
    await ctx.get(ServerAddress).linkLikeTheServer();
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** `--name x --role y` and positional words. */
function parseArgs(args: string[]): { flags: Record<string, string>; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (m) flags[m[1]] = m[2] ?? args[++i] ?? '';
    else positional.push(args[i]);
  }
  return { flags, positional };
}

/** Says how a command is called, on stderr; 2 is the exit status of a wrong call. */
function usageError(call: string): number {
  process.stderr.write(`usage: npm run cli -- ${call}\n`);
  return 2;
}

/**
 * A command that needs `count` positional words: `usage` starts with how it is called, and without
 * them it prints that and exits 2; `run` gets the words.
 */
function withArguments(usage: string, count: number, run: (positional: string[]) => Promise<number>): Command {
  return {
    usage,
    run: async (args) => {
      const { positional } = parseArgs(args);
      if (positional.slice(0, count).filter(Boolean).length < count) return usageError(usage.split(/\s{2,}/)[0]);
      return run(positional);
    },
  };
}

export const COMMANDS: Record<string, Command> = {
  'keys:create': {
    usage:
      'keys:create --name NAME --role admin|editor   create an API key; prints it once, alone on stdout (the notice goes to stderr)',
    run: async (args) => {
      const { flags } = parseArgs(args);
      if (!flags.name || !API_KEY_ROLES.includes(flags.role as ApiKeyRole)) {
        return usageError('keys:create --name NAME --role admin|editor');
      }
      return withContext(async (ctx) => {
        const { key, apiKey } = await ctx.get(ApiKeysService).create(flags.name, flags.role as ApiKeyRole);
        // The key alone on stdout, so KEY=$(… keys:create …) holds it or the command fails visibly.
        process.stderr.write(`Created ${apiKey.role} key "${apiKey.name}". Store it now: it is shown only once.\n`);
        process.stdout.write(`${key}\n`);
        return 0;
      });
    },
  },
  'keys:list': {
    usage: 'keys:list                   list API keys (names, roles, status; never the keys)',
    run: () =>
      withContext(async (ctx) => {
        const keys = await ctx.get(ApiKeysService).list();
        const rows = keys.map(
          (k) =>
            `${k.name.padEnd(24)} ${k.role.padEnd(7)} ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}  created ${k.createdAt.toISOString()}  last used ${k.lastUsedAt?.toISOString() ?? 'never'}  ${k.keyPrefix}…`,
        );
        process.stdout.write(rows.length ? `${rows.join('\n')}\n` : 'no keys\n');
        return 0;
      }),
  },
  'keys:revoke': withArguments('keys:revoke NAME            revoke an API key (it stops working at once)', 1, ([name]) =>
    withContext(async (ctx) => {
      const key = await ctx.get(ApiKeysService).revoke(name);
      process.stdout.write(`revoked "${key.name}"\n`);
      return 0;
    }),
  ),
  seed: {
    usage:
      'seed [--notify digest|none|each]  apply the Chicago dataset (idempotent: inserts what is missing by slug); --notify:\n' +
      '                            how subscribers hear of the status changes and findings it adds (default digest: the next daily digest)',
    run: async (args) => {
      const { flags } = parseArgs(args);
      const notify = flags.notify as ImportNotifyMode | undefined;
      if (notify !== undefined && !IMPORT_NOTIFY_MODES.includes(notify)) {
        process.stderr.write(`usage: npm run cli -- seed [--notify ${IMPORT_NOTIFY_MODES.join('|')}]\n`);
        return 2;
      }
      return withContext(async (ctx) => {
        const seeder = ctx.get(SeedService);
        const report = await seeder.apply(seeder.loadFile(), { notify });
        process.stdout.write(`created:   ${JSON.stringify(report.created)}\nunchanged: ${JSON.stringify(report.unchanged)}\n`);
        return 0;
      });
    },
  },
  'notify:run-once': {
    usage: 'notify:run-once             scan for owed notifications and send every due email, then exit (for cron)',
    run: () =>
      withContext(async (ctx) => {
        const env = ctx.get(Environment);
        checkMailSettings(env);
        if (!env.PUBLIC_URL) {
          // Neither set nor recorded by a server on this database (withContext): links would go nowhere useful.
          process.stderr.write(
            `warning: PUBLIC_URL is not set and no server has run on this database: links in these emails point to ${publicUrl(env)}\n`,
          );
        }
        const { scan, dispatch, pruned } = await ctx.get(NotificationRunner).runOnce();
        process.stdout.write(
          `queued: ${scan.reminders} reminders, ${scan.missed} missed, ${scan.outcomes} deadline outcomes, ${scan.statusChanges} status changes, ${scan.findings} findings, ${scan.digests} digests; cancelled ${scan.cancelled}\n` +
            `sent ${dispatch.sent}, retrying later ${dispatch.retried}, dead ${dispatch.dead}, cancelled ${dispatch.cancelled}\n` +
            (pruned ? `pruned ${pruned.notifications} old notifications, ${pruned.manageTokens} old manage links\n` : ''),
        );
        const mail = ctx.get<MailTransport>(MAIL_TRANSPORT);
        if (mail instanceof FileMailTransport && dispatch.sent > 0) {
          // Cron shows stderr: rows marked sent that no one received must not pass unnoticed.
          process.stderr.write(
            `NOT SENT: no SMTP_URL, so the ${dispatch.sent} email(s) above were written as .eml files to ${mail.folder} and are marked sent; set SMTP_URL to send mail\n`,
          );
        }
        const transport = ctx.get(MailTransportHealth).status();
        if (transport.status === 'down') {
          // Cron shows stderr and the exit status: a wrong password or a refused sender must not pass silently.
          process.stderr.write(
            `the mail transport is failing: ${transport.lastError}\n${dispatch.deferred} notification(s) held back, no attempt counted; they are tried again from ${transport.retryAt}\n`,
          );
          return 75; // EX_TEMPFAIL
        }
        return 0;
      }),
  },
  'db:backup': withArguments(
    'db:backup FILE              copy the database into the new FILE while the server runs (consistent, checked)',
    1,
    async ([file]) => {
      const env = validateEnvironment(process.env);
      const report = backupDatabase(env.DATABASE_PATH, file);
      process.stdout.write(
        `backed up ${env.DATABASE_PATH} to ${report.file} (${report.bytes} bytes, ${report.tables} tables; integrity and foreign keys checked)\n`,
      );
      return 0;
    },
  ),
  'migration:run': {
    usage: 'migration:run               apply pending migrations to DATABASE_URL (PostgreSQL) or DATABASE_PATH',
    run: async () => {
      const env = validateEnvironment(process.env);
      if (!env.DATABASE_URL) prepareDatabasePath(env.DATABASE_PATH);
      const ds = new DataSource({ ...dataSourceOptions(env), migrationsRun: false });
      await ds.initialize();
      const applied = await migrate(ds).finally(() => ds.destroy());
      process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'no pending migrations\n');
      return 0;
    },
  },
  'migration:check': {
    usage:
      'migration:check             fail when the entities and the committed migrations differ (SQLite; PostgreSQL too with DATABASE_URL)',
    run: async () => {
      const env = validateEnvironment(process.env);
      let status = 0;
      for (const url of env.DATABASE_URL ? [undefined, env.DATABASE_URL] : [undefined]) {
        const dialect = dialectOf({ DATABASE_URL: url });
        const diff = await schemaDiff(url);
        if (diff.up.length === 0) {
          process.stdout.write(`${dialect}: migrations match the entities\n`);
          continue;
        }
        process.stderr.write(
          `${dialect}: the entities need schema changes that no migration makes:\n${diff.up.map((q) => `  ${q.query}`).join('\n')}\n`,
        );
        process.stderr.write(
          `Run \`npm run migration:generate -- <Name>\`${url ? ' with DATABASE_URL set' : ''} and commit the result.\n`,
        );
        status = 1;
      }
      return status;
    },
  },
  'migration:generate': {
    usage: 'migration:generate <Name>   write the entity/migration difference as a new migration',
    run: async ([name]) => {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
        process.stderr.write('usage: npm run migration:generate -- <Name> (letters and digits)\n');
        return 2;
      }
      const env = validateEnvironment(process.env);
      const diff = await schemaDiff(env.DATABASE_URL);
      if (diff.up.length === 0) {
        process.stdout.write('no changes: nothing to generate\n');
        return 0;
      }
      process.stdout.write(`wrote ${writeMigration(process.cwd(), name, diff, Date.now(), dialectOf(env))}\n`);
      return 0;
    },
  },
};

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(
      `usage: npm run cli -- <command>\n\n${Object.values(COMMANDS)
        .map((c) => `  ${c.usage}`)
        .join('\n')}\n`,
    );
    return name ? 2 : 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof EnvironmentError || error instanceof ApiKeyError || error instanceof BackupError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'cli');
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
