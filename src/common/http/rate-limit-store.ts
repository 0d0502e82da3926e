/**
 * The rate limits' counts (rate-limits.ts), in memory, at a constant cost per request whatever the
 * traffic: @nestjs/throttler's own storage keeps one expiry time per request of the window and
 * filters that whole list on every request, so a client sending thousands of requests a minute
 * (a crawler, a load test, an attack: the clients the limit is for) made each of its requests cost
 * time in proportion to how many it had already sent.
 *
 * The window still slides: a request counts until `ttl` after it was made, rounded up to the next
 * sixtieth of the window (one second of a minute, one minute of an hour), so hits are kept as at
 * most about 60 counts per client and limit. The rounding only ever keeps a hit counted a little
 * longer, never shorter: a limit is never looser than configured. Past the limit the client is
 * blocked for `blockDuration`, then starts again from zero, as the library's storage does.
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The hits of one client under one limit: (expiry ms, count) pairs in time order from `head`. */
interface Window {
  buckets: number[];
  head: number;
  total: number;
  blockedUntil: number;
  /** The longest window this key is used with, for evicting idle keys. */
  ttl: number;
}

const BUCKETS_PER_WINDOW = 60;

@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private sweeper: NodeJS.Timeout | undefined;

  /** ThrottlerStorage's count (the interface is async; nothing here waits). */
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    return this.count(key, ttl, limit, blockDuration, Date.now());
  }

  /** `increment`, at `now` (ms): one more hit for `key`, unless it is blocked. */
  count(key: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    let w = this.windows.get(key);
    if (!w) {
      w = { buckets: [], head: 0, total: 0, blockedUntil: 0, ttl };
      this.windows.set(key, w);
      this.sweep();
    }
    w.ttl = Math.max(w.ttl, ttl);
    if (w.blockedUntil > now) {
      return {
        totalHits: w.total,
        timeToExpire: this.secondsToExpire(w, now),
        isBlocked: true,
        timeToBlockExpire: seconds(w.blockedUntil - now),
      };
    }
    if (w.blockedUntil !== 0) {
      // The block is over: the client starts again from zero.
      w.buckets = [];
      w.head = 0;
      w.total = 0;
      w.blockedUntil = 0;
    }
    expire(w, now);
    const grain = Math.max(1, Math.ceil(ttl / BUCKETS_PER_WINDOW));
    const expiry = Math.ceil((now + ttl) / grain) * grain;
    const last = w.buckets.length - 2;
    if (last >= w.head && w.buckets[last] === expiry) w.buckets[last + 1]++;
    else w.buckets.push(expiry, 1);
    w.total++;
    const isBlocked = w.total > limit;
    if (isBlocked) w.blockedUntil = now + blockDuration;
    return {
      totalHits: w.total,
      timeToExpire: this.secondsToExpire(w, now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(blockDuration) : 0,
    };
  }

  /** How long `key` stays blocked, in ms (0 when it is not). */
  blockedFor(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w && w.blockedUntil > now ? w.blockedUntil - now : 0;
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.windows.clear();
  }

  /** Seconds until the oldest counted hit stops counting (X-RateLimit-Reset). */
  private secondsToExpire(w: Window, now: number): number {
    return w.head < w.buckets.length ? seconds(w.buckets[w.head] - now) : 0;
  }

  /** Drops the keys of clients with nothing counted and no block, once a minute. */
  private sweep(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [key, w] of this.windows) {
        expire(w, now);
        if (w.total === 0 && w.blockedUntil <= now) this.windows.delete(key);
      }
    }, 60_000);
    this.sweeper.unref();
  }
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/** Forgets the hits that stopped counting; the list is compacted once half of it is gone. */
function expire(w: Window, now: number): void {
  const b = w.buckets;
  while (w.head < b.length && b[w.head] <= now) {
    w.total -= b[w.head + 1];
    w.head += 2;
  }
  if (w.head === b.length) {
    w.buckets = [];
    w.head = 0;
  } else if (w.head > 32 && w.head * 2 > b.length) {
    w.buckets = b.slice(w.head);
    w.head = 0;
  }
}
