/**
 * The command-line entry: `npm run cli -- <command> [args]`. Each command is a small function over
 * the same modules the server uses. Later features add their commands to COMMANDS.
 */
import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { EnvironmentError, validateEnvironment } from './config/environment';
import { sqliteOptions } from './database/data-source-options';
import { schemaDiff, writeMigration } from './database/schema-drift';
import { SeedService } from './seed/seed.service';

type Command = { usage: string; run: (args: string[]) => Promise<number> };

async function withContext<T>(fn: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const env = validateEnvironment({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['fatal', 'error', 'warn'] });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export const COMMANDS: Record<string, Command> = {
  seed: {
    usage: 'seed                        apply the Chicago dataset (idempotent: inserts what is missing by slug)',
    run: () =>
      withContext(async (ctx) => {
        const report = await ctx.get(SeedService).apply();
        process.stdout.write(`created:   ${JSON.stringify(report.created)}\nunchanged: ${JSON.stringify(report.unchanged)}\n`);
        return 0;
      }),
  },
  'migration:run': {
    usage: 'migration:run               apply pending migrations to DATABASE_PATH',
    run: async () => {
      const env = validateEnvironment(process.env);
      const ds = new DataSource(sqliteOptions(env.DATABASE_PATH, { migrationsRun: false }));
      await ds.initialize();
      const applied = await ds.runMigrations({ transaction: 'each' });
      await ds.destroy();
      process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'no pending migrations\n');
      return 0;
    },
  },
  'migration:check': {
    usage: 'migration:check             fail when the entities and the committed migrations differ',
    run: async () => {
      const diff = await schemaDiff();
      if (diff.up.length === 0) {
        process.stdout.write('migrations match the entities\n');
        return 0;
      }
      process.stderr.write(
        `The entities need schema changes that no migration makes:\n${diff.up.map((q) => `  ${q}`).join('\n')}\n`,
      );
      process.stderr.write('Run `npm run migration:generate -- <Name>` and commit the result.\n');
      return 1;
    },
  },
  'migration:generate': {
    usage: 'migration:generate <Name>   write the entity/migration difference as a new migration',
    run: async ([name]) => {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
        process.stderr.write('usage: npm run migration:generate -- <Name> (letters and digits)\n');
        return 2;
      }
      const diff = await schemaDiff();
      if (diff.up.length === 0) {
        process.stdout.write('no changes: nothing to generate\n');
        return 0;
      }
      process.stdout.write(`wrote ${writeMigration(process.cwd(), name, diff)}\n`);
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
    if (error instanceof EnvironmentError) {
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
