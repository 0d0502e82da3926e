import { RateLimitStore } from './rate-limit-store';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0, 250);

describe('RateLimitStore', () => {
  let store: RateLimitStore;
  beforeEach(() => (store = new RateLimitStore()));
  afterEach(() => store.onApplicationShutdown());

  it('counts each client on its own and blocks the request past the limit for blockDuration', () => {
    for (let i = 1; i <= 3; i++) {
      const r = store.count('default:a', MINUTE, 3, MINUTE, T0 + i);
      expect(r).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    }
    expect(store.count('default:b', MINUTE, 3, MINUTE, T0 + 4)).toMatchObject({ totalHits: 1, isBlocked: false });
    const over = store.count('default:a', MINUTE, 3, MINUTE, T0 + 5);
    expect(over).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    expect(store.blockedFor('default:a', T0 + 5)).toBe(MINUTE);
    expect(store.blockedFor('default:b', T0 + 5)).toBe(0);
    // Still blocked just before the block ends, and nothing more is counted meanwhile.
    expect(store.count('default:a', MINUTE, 3, MINUTE, T0 + 5 + MINUTE - 1)).toMatchObject({ isBlocked: true, totalHits: 4 });
    // After it, the client starts again from zero.
    expect(store.count('default:a', MINUTE, 3, MINUTE, T0 + 5 + MINUTE)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('slides: a hit stops counting one window (rounded up to a sixtieth of it) after it was made, never sooner', () => {
    store.count('k', MINUTE, 10, MINUTE, T0);
    store.count('k', MINUTE, 10, MINUTE, T0 + 30_000);
    // The first hit counts for the whole minute…
    expect(store.count('k', MINUTE, 10, MINUTE, T0 + MINUTE - 1).totalHits).toBe(3);
    // …and at most one second more (T0 is 250 ms into a second: it expires at the next whole second after T0 + 60 s).
    const next = Math.ceil((T0 + MINUTE) / 1000) * 1000;
    expect(store.count('k', MINUTE, 10, MINUTE, next).totalHits).toBe(3);
    // At `next`, only the first hit has gone: the second, third and this one count.
  });

  it('reports when the oldest counted hit stops counting (X-RateLimit-Reset)', () => {
    expect(store.count('k', MINUTE, 10, MINUTE, T0).timeToExpire).toBe(61);
    expect(store.count('k', MINUTE, 10, MINUTE, T0 + 20_000).timeToExpire).toBe(41);
  });

  it('keeps a bounded amount per client whatever the traffic: a million hits a minute cost no more than a few', () => {
    // One hit every 6 ms for ten minutes at a limit nobody reaches: the count is exactly what the last minute holds.
    let last = { totalHits: 0 };
    for (let t = 0; t < 10 * MINUTE; t += 6) last = store.count('k', MINUTE, 1_000_000, MINUTE, T0 + t);
    // 10,000 hits fall inside a minute; the rounding keeps at most one second (167 hits) longer.
    expect(last.totalHits).toBeGreaterThanOrEqual(10_000);
    expect(last.totalHits).toBeLessThanOrEqual(10_000 + 167);
    // Everything has expired a window and a bucket later.
    expect(store.count('k', MINUTE, 1_000_000, MINUTE, T0 + 11 * MINUTE + 1000).totalHits).toBe(1);
  });

  it('counts with a window of an hour in minutes, never letting a hit go before its hour is over', () => {
    const HOUR = 60 * MINUTE;
    store.count('s', HOUR, 5, HOUR, T0);
    expect(store.count('s', HOUR, 5, HOUR, T0 + HOUR).totalHits).toBe(2);
    expect(store.count('s', HOUR, 5, HOUR, T0 + HOUR + MINUTE).totalHits).toBe(2);
  });
});
