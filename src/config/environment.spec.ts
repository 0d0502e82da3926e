import { EnvironmentError, publicUrl, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills in the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_PATH: './data/tracker.sqlite',
      TRACKER_TIME_ZONE: 'America/Chicago',
      STALE_AFTER_DAYS: 180,
    });
    expect(publicUrl(env)).toBe('http://localhost:3000');
  });

  it('reads given values and trims a trailing slash from PUBLIC_URL', () => {
    const env = validateEnvironment({
      PORT: '8080',
      TRACKER_TIME_ZONE: 'Europe/London',
      STALE_AFTER_DAYS: '30',
      PUBLIC_URL: 'https://t.example.org/',
    });
    expect(env.PORT).toBe(8080);
    expect(env.STALE_AFTER_DAYS).toBe(30);
    expect(publicUrl(env)).toBe('https://t.example.org');
  });

  it('accepts origin lists and proxy address lists', () => {
    const env = validateEnvironment({
      CORS_ORIGINS: 'https://a.example.org, http://localhost:8080',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, ::1',
    });
    expect(env.CORS_ORIGINS).toBe('https://a.example.org, http://localhost:8080');
    expect(env.TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1, ::1');
    expect(validateEnvironment({})).toMatchObject({ CORS_ORIGINS: '*', TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: 600 });
  });

  it.each([
    ['TRACKER_TIME_ZONE', 'Mars/Olympus', /TRACKER_TIME_ZONE.*IANA/],
    ['TRACKER_TIME_ZONE', '+05:30', /TRACKER_TIME_ZONE/],
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['STALE_AFTER_DAYS', '0', /STALE_AFTER_DAYS/],
    ['STALE_AFTER_DAYS', '1.5', /STALE_AFTER_DAYS/],
    ['PUBLIC_URL', 'tracker.example.org', /PUBLIC_URL must be an absolute/],
    ['PUBLIC_URL', 'ftp://tracker.example.org', /PUBLIC_URL/],
    ['SEED_ON_START', 'yes', /SEED_ON_START/],
    ['RATE_LIMIT_PER_MINUTE', '0', /RATE_LIMIT_PER_MINUTE must be a whole number/],
    ['RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR', 'many', /RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR/],
    ['RATE_LIMIT_AUTH_FAILURES_PER_HOUR', '-1', /RATE_LIMIT_AUTH_FAILURES_PER_HOUR/],
    ['REQUEST_TIMEOUT_SECONDS', '0', /REQUEST_TIMEOUT_SECONDS/],
    ['BODY_MAX_BYTES', '10', /BODY_MAX_BYTES/],
    // A whole number's message gives its unit and range (bytes also in GiB or MiB, 0 as off).
    ['IMPORT_MAX_BYTES', '10', 'IMPORT_MAX_BYTES must be a whole number of bytes from 1024 to 1073741824 (1 GiB)'],
    ['BODY_MAX_BYTES', 'x', 'BODY_MAX_BYTES must be a whole number of bytes from 1024 to 104857600 (100 MiB)'],
    ['NOTIFY_INTERVAL_SECONDS', '-1', 'NOTIFY_INTERVAL_SECONDS must be a whole number of seconds from 0 (off) to 86400'],
    ['CONFIRM_TOKEN_TTL_HOURS', '721', 'CONFIRM_TOKEN_TTL_HOURS must be a whole number of hours from 1 to 720'],
    ['MANAGE_LINK_DAYS', '0', 'MANAGE_LINK_DAYS must be a whole number of days from 1 to 3650'],
    ['NOTIFY_MAX_ATTEMPTS', '51', 'NOTIFY_MAX_ATTEMPTS must be a whole number from 1 to 50'],
    ['CORS_ORIGINS', 'dashboard.example.org', /CORS_ORIGINS must be \* or a comma-separated list of origins/],
    ['CORS_ORIGINS', 'https://a.example.org/path', /CORS_ORIGINS/],
    ['TRUST_PROXY', 'everyone', /TRUST_PROXY must be true, false, loopback/],
  ])('stops on %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(EnvironmentError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });

  it('says a bad whole number once, not once per failed check', () => {
    expect(() => validateEnvironment({ PORT: 'abc' })).toThrow(
      new EnvironmentError('Invalid configuration:\n  PORT: PORT must be a whole number from 0 to 65535'),
    );
  });

  it('reports every bad variable at once', () => {
    try {
      validateEnvironment({ PORT: 'x', TRACKER_TIME_ZONE: 'Nowhere' });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/TRACKER_TIME_ZONE/);
    }
  });

  it('takes PostgreSQL from DATABASE_URL (SQLite without it), and names a bad one without echoing it', () => {
    expect(validateEnvironment({}).DATABASE_URL).toBeUndefined();
    expect(validateEnvironment({ DATABASE_URL: 'postgres://u:p@db.example.org:5432/tracker' })).toMatchObject({
      DATABASE_URL: 'postgres://u:p@db.example.org:5432/tracker',
      DATABASE_POOL_SIZE: 10,
      DB_SKIP_MIGRATIONS: 'false',
    });
    for (const bad of ['mysql://u:s3cret@db/tracker', 'postgres://u:s3cret@db.example.org', 'not a url s3cret']) {
      expect(() => validateEnvironment({ DATABASE_URL: bad })).toThrow(EnvironmentError);
      try {
        validateEnvironment({ DATABASE_URL: bad });
      } catch (error) {
        expect((error as Error).message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
        expect((error as Error).message).not.toContain('s3cret');
      }
    }
    expect(() => validateEnvironment({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => validateEnvironment({ DB_SKIP_MIGRATIONS: 'yes' })).toThrow(/DB_SKIP_MIGRATIONS must be true or false/);
  });
});
