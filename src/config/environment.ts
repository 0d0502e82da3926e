import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
/**
 * The process environment, validated once at boot. A bad value stops the process with a message
 * that names the variable and the reason, before anything listens or touches the database.
 */
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsInt,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { isValidTimeZone } from '../common/time/local-date';
import { named, stack } from '../common/validation/stack';
import { VERP_TAG_LENGTH } from '../notifications/mail/verp';

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidTimeZone(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a valid IANA time zone such as America/Chicago (got "${String(args.value)}")`;
  }
}

@ValidatorConstraint({ name: 'smtpUrl' })
class SmtpUrl implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    // Never echo the value: it may carry a password.
    return 'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587';
  }
}

@ValidatorConstraint({ name: 'postgresUrl' })
class PostgresUrl implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    // Never echo the value: it may carry a password.
    return 'DATABASE_URL must be a postgres:// URL with a host and a database name, such as postgres://tracker:password@db.example.org:5432/tracker';
  }
}

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/** 1073741824 → "1 GiB", 104857600 → "100 MiB": a byte bound as people write it. */
const binarySize = (bytes: number) =>
  bytes % 2 ** 30 === 0 ? `${bytes / 2 ** 30} GiB` : bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20} MiB` : null;

/**
 * A whole-number setting from `min` to `max`, in `unit` when it has one; its message names the variable
 * and the range (a byte bound also as GiB or MiB, a 0 that turns the setting off as such).
 */
const WholeNumber = (min: number, max: number, unit?: 'seconds' | 'hours' | 'days' | 'bytes', zero?: 'off') =>
  named((name) => {
    const of = unit ? ` of ${unit}` : '';
    const from = min === 0 && zero ? `0 (${zero})` : String(min);
    const size = unit === 'bytes' ? binarySize(max) : null;
    const message = `${name} must be a whole number${of} from ${from} to ${max}${size ? ` (${size})` : ''}`;
    return stack(Transform(toInt), IsInt({ message }), Min(min, { message }), Max(max, { message }));
  });

/** An optional "true" / "false" switch. */
const Flag = () => named((name) => stack(IsOptional(), IsIn(['true', 'false'], { message: `${name} must be true or false` })));

/** A setting that must not be empty when given. */
const NonEmpty = () => named((name) => stack(IsString(), MinLength(1, { message: `${name} must not be empty` })));

export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @WholeNumber(0, 65535)
  PORT = 3000;

  @NonEmpty()
  HOST = '0.0.0.0';

  @NonEmpty()
  DATABASE_PATH = './data/tracker.sqlite';

  /** PostgreSQL instead of the SQLite file at DATABASE_PATH (src/database/data-source-options.ts). */
  @IsOptional()
  @Validate(PostgresUrl)
  DATABASE_URL?: string;

  /** Connections per instance to PostgreSQL (ignored on SQLite, which has one). */
  @WholeNumber(1, 100)
  DATABASE_POOL_SIZE = 10;

  /** Leave migrations to a release step (`npm run migration:run`) instead of running them at start. */
  @Flag()
  DB_SKIP_MIGRATIONS: 'true' | 'false' = 'false';

  /** Signs pagination cursors; without it one is generated into the data folder (cursor-secret.ts). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CURSOR_SECRET must be at least 32 characters (say, openssl rand -base64 32)' })
  CURSOR_SECRET?: string;

  @Validate(IanaTimeZone)
  TRACKER_TIME_ZONE = 'America/Chicago';

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be an absolute http(s) URL such as https://tracker.example.org' },
  )
  PUBLIC_URL?: string;

  @WholeNumber(1, 3650, 'days')
  STALE_AFTER_DAYS = 180;

  /**
   * A search that at least this many items (and 1 in 20 of them) match is listed in the list's order,
   * item by item, instead of ranked by relevance over every match (src/database/search-plan.ts).
   */
  @WholeNumber(1, 1000000000)
  SEARCH_COMMON_MATCHES = 5000;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Whether an empty database is seeded with the Chicago dataset at start. */
  @Flag()
  SEED_ON_START: 'true' | 'false' = 'true';

  /** The largest bulk import accepted (bytes); a bigger upload is answered 413. */
  @WholeNumber(1024, 1073741824, 'bytes')
  IMPORT_MAX_BYTES = 5 * 1024 * 1024;

  /** Where notification emails go; without it they are written as .eml files under the data folder. */
  @IsOptional()
  @Validate(SmtpUrl)
  SMTP_URL?: string;

  /**
   * The folder the file mail driver (no SMTP_URL) writes to; `outbox/` beside DATABASE_PATH by
   * default. On PostgreSQL, where several instances may run, it must be set (to a folder every
   * instance shares) unless SMTP_URL is (mail/mail-transport.provider.ts).
   */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'MAIL_OUTBOX_DIR must not be empty' })
  MAIL_OUTBOX_DIR?: string;

  /**
   * DKIM signing by nodemailer (optional): the signing domain (d=) and selector (s=), with the private
   * key as PEM in DKIM_PRIVATE_KEY or in the file DKIM_PRIVATE_KEY_FILE. All checked at start (see
   * dkimSigning); the public key goes in DNS at `<selector>._domainkey.<domain>`.
   */
  @IsOptional()
  @Matches(/^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, {
    message: 'DKIM_DOMAIN must be a domain name such as example.org',
  })
  DKIM_DOMAIN?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/, { message: 'DKIM_SELECTOR must be a DNS label such as tracker2026' })
  DKIM_SELECTOR?: string;

  @IsOptional()
  @IsString()
  DKIM_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  DKIM_PRIVATE_KEY_FILE?: string;

  @IsString()
  @Matches(/^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
    message: 'MAIL_FROM must be an address such as "Reform Tracker <tracker@example.org>" or tracker@example.org',
  })
  MAIL_FROM = 'Reform Tracker <tracker@localhost>';

  /**
   * The envelope sender (SMTP MAIL FROM, which the receiving server turns into Return-Path): where
   * bounces go, say a mailbox that a bounce processor reads. The From address when unset.
   */
  @IsOptional()
  @Matches(/^[^<>\s@]+@[^<>\s@]+$/, { message: 'MAIL_RETURN_PATH must be a bare address such as bounces@example.org' })
  MAIL_RETURN_PATH?: string;

  /**
   * VERP: each email's envelope sender is MAIL_RETURN_PATH tagged with that email
   * (`bounces+<id>-<signature>@example.org`, notifications/mail/verp.ts), so a bounce processor can
   * tell whose mailbox bounced from the address the bounce came back to, and record it through
   * POST /api/v1/admin/suppressions with `returnPath`. Needs MAIL_RETURN_PATH.
   */
  @Flag()
  MAIL_VERP: 'true' | 'false' = 'false';

  /** Seconds between notification scans in the server; 0 turns the in-app scheduler off (use notify:run-once). */
  @WholeNumber(0, 86400, 'seconds', 'off')
  NOTIFY_INTERVAL_SECONDS = 60;

  /**
   * How long GET /health trusts what it last learnt about the mail transport (a message the dispatcher
   * got accepted, or its own check, which opens a connection to the SMTP server) before checking again:
   * a load balancer polling /health every second must not open an SMTP connection per poll. 0 checks
   * on every call (calls at the same moment still share one check).
   */
  @WholeNumber(0, 3600, 'seconds')
  MAIL_HEALTH_CHECK_SECONDS = 30;

  /**
   * How long a dispatcher's claim on a batch holds: a crashed process's claims are sent by another
   * (or by it, restarted) once it has run out. At least 60 s, so a live worker's send (at most 50 s:
   * connection, greeting and socket timeouts) always ends within its claim.
   */
  @WholeNumber(60, 3600, 'seconds')
  NOTIFY_LEASE_SECONDS = 300;

  @WholeNumber(1, 50)
  NOTIFY_MAX_ATTEMPTS = 8;

  @WholeNumber(1, 720, 'hours')
  CONFIRM_TOKEN_TTL_HOURS = 48;

  /** Days a sent or cancelled notification is kept (then pruned; see OutboxPruner). */
  @WholeNumber(1, 3650, 'days')
  NOTIFY_RETENTION_DAYS = 90;

  /** Days the manage and unsubscribe links of an email keep working (a subscription's newest always does). */
  @WholeNumber(1, 3650, 'days')
  MANAGE_LINK_DAYS = 365;

  /**
   * Confirmation emails one mailbox can be sent in 24 hours, however many addresses reach it (plus
   * tags, Gmail dots, case): the public form must not become a way to mail-bomb someone.
   */
  @WholeNumber(1, 100)
  CONFIRMATIONS_PER_MAILBOX_PER_DAY = 3;

  /**
   * Which proxies may say who the client is (X-Forwarded-For): `loopback` (a reverse proxy on the same
   * host), `true` (any: only when every request comes through a proxy that overwrites the header),
   * `false`, or a comma-separated list of addresses and CIDR ranges. Rate limits count per client, so
   * trusting a header anyone can send would let anyone pick a fresh identity per request.
   */
  @Matches(/^(?:true|false|loopback|[0-9a-fA-F:./]+(?:\s*,\s*[0-9a-fA-F:./]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, loopback, or a comma-separated list of proxy addresses or CIDR ranges',
  })
  TRUST_PROXY = 'loopback';

  /** Requests one client (IP address) may make per minute, all routes together; 429 beyond. */
  @WholeNumber(1, 1000000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests one client may make per hour to the subscription routes (subscribe, confirm, manage, unsubscribe). */
  @WholeNumber(1, 1000000)
  RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR = 30;

  /** Requests per hour to the subscription routes from all clients together (per process); 429 beyond. */
  @WholeNumber(1, 1000000)
  RATE_LIMIT_SUBSCRIPTIONS_ALL_PER_HOUR = 1000;

  /** Failed API-key authentications one client may make per hour; beyond, its keyed requests are 429 for an hour. */
  @WholeNumber(1, 1000000)
  RATE_LIMIT_AUTH_FAILURES_PER_HOUR = 20;

  /** A request (headers and body) must arrive within this many seconds, or it is answered 408 and closed. */
  @WholeNumber(1, 3600, 'seconds')
  REQUEST_TIMEOUT_SECONDS = 30;

  /** The request line and headers must arrive within this many seconds (at most REQUEST_TIMEOUT_SECONDS). */
  @WholeNumber(1, 3600, 'seconds')
  HEADERS_TIMEOUT_SECONDS = 10;

  /** An idle keep-alive connection is closed after this many seconds. */
  @WholeNumber(1, 600, 'seconds')
  KEEP_ALIVE_TIMEOUT_SECONDS = 5;

  /** The largest request body on every route but the import (bytes); a bigger one is answered 413. */
  @WholeNumber(1024, 104857600, 'bytes')
  BODY_MAX_BYTES = 1024 * 1024;

  /**
   * Origins whose pages may read the public API from a browser (CORS): `*` for any, or a
   * comma-separated list such as https://dashboard.example.org. Reads only: no credentials, no writes.
   */
  @Matches(/^(?:\*|https?:\/\/[^\s,/]+(?:\s*,\s*https?:\/\/[^\s,/]+)*)$/, {
    message: 'CORS_ORIGINS must be * or a comma-separated list of origins such as https://dashboard.example.org',
  })
  CORS_ORIGINS = '*';
}

export class EnvironmentError extends Error {}

/** Validates a raw environment; throws EnvironmentError naming each bad variable and why. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const picked: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'PUBLIC_URL',
    'SMTP_URL',
    'CURSOR_SECRET',
    'DATABASE_URL',
    'MAIL_OUTBOX_DIR',
    'MAIL_RETURN_PATH',
    ...DKIM_VARIABLES,
  ]) {
    if (raw[key] !== undefined && raw[key] !== '') picked[key] = raw[key];
  }
  const env = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    // One line per distinct message: a whole-number setting's three checks share theirs.
    const lines = errors.flatMap((e) => [...new Set(Object.values(e.constraints ?? {}))].map((m) => `  ${e.property}: ${m}`));
    throw new EnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  dkimSigning(env); // reads and checks the key now, so a wrong one stops the start, not the first email
  checkVerp(env);
  return env;
}

/** MAIL_VERP needs a MAIL_RETURN_PATH whose local part leaves room for the tag (RFC 5321: 64 characters). */
function checkVerp(env: Environment): void {
  if (env.MAIL_VERP !== 'true') return;
  const local = env.MAIL_RETURN_PATH?.slice(0, env.MAIL_RETURN_PATH.lastIndexOf('@'));
  const room = 64 - VERP_TAG_LENGTH;
  if (local === undefined) {
    throw new EnvironmentError(
      'Invalid configuration:\n  MAIL_VERP: needs MAIL_RETURN_PATH, the address bounces go to (say bounces@example.org)',
    );
  }
  if (local.length > room) {
    throw new EnvironmentError(
      `Invalid configuration:\n  MAIL_RETURN_PATH: with MAIL_VERP its part before the @ must be at most ${room} characters, to leave room for the tag`,
    );
  }
}

const DKIM_VARIABLES = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY', 'DKIM_PRIVATE_KEY_FILE'] as const;

/** nodemailer's `dkim` option. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * The DKIM signing settings, or undefined when none of the DKIM_* variables is set. Throws an
 * EnvironmentError naming the variable when they are incomplete, when both or neither key source is
 * given, when the file cannot be read, or when the key is not an RSA (2048 bits or more) or Ed25519
 * private key. The key itself never appears in a message.
 */
export function dkimSigning(env: Environment): DkimSigning | undefined {
  if (DKIM_VARIABLES.every((k) => env[k] === undefined)) return undefined;
  const fail = (line: string): never => {
    throw new EnvironmentError(`Invalid configuration:\n  ${line}`);
  };
  if (!env.DKIM_DOMAIN) fail('DKIM_DOMAIN: DKIM signing needs the signing domain (d=) as well');
  if (!env.DKIM_SELECTOR) fail('DKIM_SELECTOR: DKIM signing needs the selector (s=) as well');
  if ((env.DKIM_PRIVATE_KEY === undefined) === (env.DKIM_PRIVATE_KEY_FILE === undefined)) {
    fail('DKIM_PRIVATE_KEY: give the private key (PEM) in DKIM_PRIVATE_KEY or its path in DKIM_PRIVATE_KEY_FILE, one of the two');
  }
  const source = env.DKIM_PRIVATE_KEY !== undefined ? 'DKIM_PRIVATE_KEY' : 'DKIM_PRIVATE_KEY_FILE';
  let pem = env.DKIM_PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (pem === undefined) {
    try {
      pem = readFileSync(env.DKIM_PRIVATE_KEY_FILE!, 'utf8');
    } catch (error) {
      fail(
        `DKIM_PRIVATE_KEY_FILE: cannot read ${env.DKIM_PRIVATE_KEY_FILE} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem!);
  } catch {
    return fail(`${source}: is not a PEM private key`);
  }
  const type = key.asymmetricKeyType;
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (!(type === 'ed25519' || (type === 'rsa' && bits >= 2048))) {
    fail(
      `${source}: must be an RSA key of 2048 bits or more, or an Ed25519 key (got ${type}${type === 'rsa' ? ` ${bits}` : ''})`,
    );
  }
  return { domainName: env.DKIM_DOMAIN!, keySelector: env.DKIM_SELECTOR!, privateKey: pem! };
}

/** The public base URL, without a trailing slash. */
export function publicUrl(env: Environment): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}
