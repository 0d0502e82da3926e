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

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidTimeZone(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a valid IANA time zone such as America/Chicago (got "${String(args.value)}")`;
  }
}

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 0 to 65535' })
  PORT = 3000;

  @IsString()
  @MinLength(1, { message: 'HOST must not be empty' })
  HOST = '0.0.0.0';

  @IsString()
  @MinLength(1, { message: 'DATABASE_PATH must not be empty' })
  DATABASE_PATH = './data/tracker.sqlite';

  @Validate(IanaTimeZone)
  TRACKER_TIME_ZONE = 'America/Chicago';

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be an absolute http(s) URL such as https://tracker.example.org' },
  )
  PUBLIC_URL?: string;

  @Transform(toInt)
  @IsInt({ message: 'STALE_AFTER_DAYS must be a whole number of days from 1 to 3650' })
  @Min(1, { message: 'STALE_AFTER_DAYS must be a whole number of days from 1 to 3650' })
  @Max(3650, { message: 'STALE_AFTER_DAYS must be a whole number of days from 1 to 3650' })
  STALE_AFTER_DAYS = 180;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Whether an empty database is seeded with the Chicago dataset at start. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'SEED_ON_START must be true or false' })
  SEED_ON_START: 'true' | 'false' = 'true';
}

export class EnvironmentError extends Error {}

/** Validates a raw environment; throws EnvironmentError naming each bad variable and why. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'PUBLIC_URL']) {
    if (raw[key] !== undefined && raw[key] !== '') picked[key] = raw[key];
  }
  const env = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new EnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}

/** The public base URL, without a trailing slash. */
export function publicUrl(env: Environment): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}
