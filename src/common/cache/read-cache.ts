/**
 * A cache for hot public reads: whole answers (JSON with a strong ETag and 304 for If-None-Match,
 * or a feed's text) and computed values such as the stats, reused only while they are still the
 * answer the handler would give now, that is while both of these hold:
 * - none of the tables it reads has changed: each answer declares them (`Reads`, one declaration
 *   where its route calls the cache), and the version of each (database/data-version.ts, counters
 *   bumped by triggers in the writing transaction, which writes through any instance or process move)
 *   is the same as when the entry was computed, and no transaction was open meanwhile. The cheap
 *   "anything changed" version is checked on every request; only when it moved are the table versions
 *   read (once per move) and each entry compared with them, so a write to the outbox, the audit log or
 *   a subscription keeps every public answer, and a status change keeps the answers that do not read
 *   the tables it wrote;
 * - it is the same local day in TRACKER_TIME_ZONE: every time-dependent field (overdue, days late
 *   and remaining, stale, due within N days, "nearest to today") changes only at a local midnight,
 *   because deadlines close at the start of a local day (deadline-clock.ts) and the other rules
 *   count local dates.
 * Requests for the same entry while it is being computed share that computation. With another
 * database driver nothing is cached. `Cache-Control: no-cache` on a request skips the cache only for
 * JSON answers (cheap to recompute); a feed is built once per URL, data version and day whatever
 * the client asks (entries are never stale, so this is still the answer the origin would give), so
 * clients cannot make the app rebuild a 2 MB calendar per request.
 *
 * An answer's entity tag names what it was computed from, (the versions of the tables it reads,
 * local day, key), instead of hashing its bytes: the same URL on the same data and day is the same
 * answer, and a write to other tables keeps its tag. On PostgreSQL every instance reads the same
 * versions, so every instance gives one answer the same tag; SQLite's tags also carry a random token
 * of the process (a restore from a backup could bring old versions back with other data). An answer computed while the data changed, or while
 * nothing may be cached, gets the hash of its bytes.
 *
 * A cached JSON answer is sent before routing goes on (`answerEarly`, a Fastify onRequest hook in
 * app.factory.ts): its URL passed validation when the entry was made, so a hit skips the pipes, guards
 * and handler; it still counts against the client's rate limit.
 */
import { Injectable } from '@nestjs/common';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { DataVersion, dataVersion, TableVersions } from '../../database/data-version';
import { RECORD_TABLES, VersionedTable } from '../../database/table-versions.sql';
import { Clock } from '../clock';
import { etagOf, ifNoneMatchHits } from '../http/etag';
import { Environment, publicUrl } from '../../config/environment';
import { addDays, localDateOf, startOfLocalDay } from '../time/local-date';

/** An answer as it is sent: encoded once, with its entity tag. */
export interface CachedBody {
  body: Buffer;
  etag: string;
}

/** The tables an answer reads: a write to any other leaves it cached. */
export type Reads = readonly VersionedTable[];

/** Every table of the public record: the reads of an answer that may show any of it. */
export const RECORD_READS: Reads = RECORD_TABLES;

/** A cached item, the tables it was computed from, and their versions then. */
interface Entry<T> {
  item: T;
  reads: Reads;
  /** The local day and the versions of `reads` when it was computed. */
  signature: string;
  /** The last stamp it was found valid on. */
  checked: string;
}

/** An answer being written as it is produced (`streamedText`), with its entity tag. */
export interface StreamedBody {
  stream: Readable;
  etag: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Bounds on the answers and texts of one cache: a crawler walking every cursor cannot grow it. */
const MAX_ENTRIES = 500;
const MAX_BYTES = 16 * 1024 * 1024;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const skipsCache = (request: FastifyRequest) => /no-cache/i.test(String(request.headers['cache-control'] ?? ''));

@Injectable()
export class ReadCache {
  private readonly version: DataVersion | null;
  /** Answers and texts, by URL (bounded); values, by a few fixed keys. */
  private readonly answers = new Map<string, Entry<CachedBody>>();
  private readonly values = new Map<string, Entry<unknown>>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private bytes = 0;
  /** The latest stamp (the "anything changed" version and the local day), and the table versions then (read when needed). */
  private stamp: string | null = null;
  private tables: TableVersions | null = null;
  private dayStart = 0;
  private dayEnd = 0;
  private day = '';
  /** What, besides the stamp and key, an answer's bytes depend on (see the entity tags above). */
  private readonly tagScope: string;

  constructor(
    dataSource: DataSource,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {
    this.version = dataVersion(dataSource);
    const instance = this.version?.sharedByInstances ? '' : randomBytes(12).toString('base64url');
    this.tagScope = `${env.TRACKER_TIME_ZONE} ${publicUrl(env)} ${instance}`;
  }

  /**
   * Sends the cached answer of a GET when there is one (the URL was answered on the same data and
   * day, and the client did not ask for no-cache), counted against the client's rate limit by
   * `admit`; true when it did. Otherwise routing goes on as for any request.
   */
  async answerEarly(
    request: FastifyRequest,
    reply: FastifyReply,
    admit: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>,
  ): Promise<boolean> {
    if (request.method !== 'GET' || this.answers.size === 0 || skipsCache(request)) return false;
    const stamp = await this.open();
    const hit = stamp === null ? undefined : await this.lookup(this.answers, `json ${request.url}`, stamp);
    if (!hit || !(await admit(request, reply))) return false;
    this.reply(request, reply, hit);
    return true;
  }

  /**
   * Answers the request with `compute()`'s result as JSON, from the cache when the same URL was
   * answered on the same data (the tables `reads`) and local day. `encode` turns the result into JSON text (a handler that
   * writes the text itself passes String).
   */
  async send<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    reads: Reads,
    compute: () => Promise<T>,
    encode: (value: T) => string = JSON.stringify,
  ): Promise<void> {
    const answer = await this.cached(`json ${request.url}`, reads, skipsCache(request), async () =>
      Buffer.from(encode(await compute())),
    );
    this.reply(request, reply, answer);
  }

  /** A JSON answer with its ETag, or 304 when If-None-Match names it. */
  private reply(request: FastifyRequest, reply: FastifyReply, answer: CachedBody): void {
    reply.header('ETag', answer.etag);
    if (ifNoneMatchHits(request.headers['if-none-match'], answer.etag)) {
      void reply.status(304).send();
      return;
    }
    void reply.status(200).header('Content-Type', JSON_TYPE).send(answer.body);
  }

  /**
   * The text `compute()` makes for this request (a feed), encoded, with its entity tag: computed once
   * per URL, data version and day, `no-cache` or not (see the top of this file).
   */
  text(request: FastifyRequest, reads: Reads, compute: () => Promise<string>): Promise<CachedBody> {
    return this.cached(`text ${request.url}`, reads, false, async () => Buffer.from(await compute()));
  }

  /**
   * `text` for a feed produced in pieces: the first request for the URL on this data version and day
   * is answered with the pieces as they are produced (a stream; its tag is known before its bytes, see
   * the top of this file) while they are kept for the cache entry; requests arriving meanwhile get the
   * whole entry when it is done, later ones from the cache. A failure before the first piece (a bad
   * filter) rejects every one of them alike. The pieces are produced at the pace of the producer, not
   * of the first client's socket, so a slow reader does not hold up the others.
   */
  async streamedText(
    request: FastifyRequest,
    reads: Reads,
    produce: () => AsyncIterator<string>,
  ): Promise<CachedBody | StreamedBody> {
    const key = `text ${request.url}`;
    const stamp = await this.open();
    const hit = stamp !== null ? await this.lookup(this.answers, key, stamp) : undefined;
    if (hit) return hit;
    if (stamp === null) {
      const body = Buffer.from(await collect(produce()));
      return { body, etag: etagOf(body) };
    }
    const pendingKey = `${stamp} ${key}`;
    const running = this.pending.get(pendingKey);
    if (running) return running as Promise<CachedBody>;
    let settle!: { resolve: (answer: CachedBody) => void; reject: (error: unknown) => void };
    const whole = new Promise<CachedBody>((resolve, reject) => (settle = { resolve, reject }));
    whole.catch(() => undefined); // rejections reach the requests that wait on it, if any
    this.pending.set(pendingKey, whole);
    const signature = await this.signature(reads);
    const pieces = produce();
    let first: IteratorResult<string>;
    try {
      first = await pieces.next();
    } catch (error) {
      this.pending.delete(pendingKey);
      settle.reject(error);
      throw error;
    }
    const etag = this.tagOf(signature, key);
    const stream = new PassThrough();
    // A failure mid-way ends the response (Fastify listens too) and rejects the waiting requests; this
    // listener only keeps a stream nobody reads (a 304) from turning it into an uncaught error.
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    const push = (text: string) => {
      const chunk = Buffer.from(text);
      chunks.push(chunk);
      if (!stream.destroyed) stream.write(chunk);
    };
    void (async () => {
      try {
        for (let next = first; !next.done; next = await pieces.next()) push(next.value);
        stream.end();
        const body = Buffer.concat(chunks);
        const unchanged = await this.unchangedSince(stamp);
        const answer = { body, etag: unchanged ? etag : etagOf(body) };
        if (unchanged) this.remember(key, { item: answer, reads, signature, checked: stamp });
        settle.resolve(answer);
      } catch (error) {
        stream.destroy(error as Error);
        settle.reject(error);
      } finally {
        this.pending.delete(pendingKey);
      }
    })();
    return { stream, etag };
  }

  /** `compute()`'s value, computed once per version of the tables it `reads` and local day. Cached values are frozen. */
  async value<T>(key: string, reads: Reads, compute: () => Promise<T>): Promise<T> {
    const stamp = await this.open();
    const hit = stamp === null ? undefined : await this.lookup(this.values, key, stamp);
    if (hit !== undefined) return hit as T;
    return this.shared(`value ${key}`, stamp, async () => {
      const signature = stamp === null ? '' : await this.signature(reads);
      const value = deepFreeze(await compute());
      if (await this.unchangedSince(stamp)) this.values.set(key, { item: value, reads, signature, checked: stamp as string });
      return value;
    });
  }

  /**
   * The local day and the versions of the tables `reads` now: a text that changes whenever one of
   * them does (or the day), for a caller that keeps its own memo of what it read from them. Null when
   * nothing may be cached (inside a transaction).
   */
  async versionsOf(reads: Reads): Promise<string | null> {
    const stamp = await this.open();
    return stamp === null ? null : this.signature(reads);
  }

  /**
   * Binary content for `key` (a share image), with the entity tag of its bytes: computed once per
   * data version and local day, and bounded like the answers.
   */
  binary(key: string, reads: Reads, compute: () => Promise<Buffer>): Promise<CachedBody> {
    return this.cached(`binary ${key}`, reads, false, compute);
  }

  private async cached(key: string, reads: Reads, bypass: boolean, compute: () => Promise<Buffer>): Promise<CachedBody> {
    // A request that skips the cache does its own work, as it asked (the benchmark relies on it).
    if (bypass) return this.fresh(key, reads, compute);
    const stamp = await this.open();
    const hit = stamp !== null ? await this.lookup(this.answers, key, stamp) : undefined;
    if (hit) return hit;
    return this.shared(key, stamp, () => this.make(key, reads, stamp, compute));
  }

  /**
   * `compute()` for a request that skips the cache, on the stamp last read, which is read again only
   * after: the stamp only ever moves forward (a write, another connection's commit, a new day), so if
   * it is still the one last read, nothing changed from before `compute()` began until it ended. The
   * answer is kept for the next readers, as any other.
   */
  private async fresh(key: string, reads: Reads, compute: () => Promise<Buffer>): Promise<CachedBody> {
    const known = this.version && !this.version.inTransaction ? this.stamp : null;
    return this.make(key, reads, known ?? (await this.open()), compute);
  }

  /**
   * `compute()`'s answer, cached when the stamp did not move while it was computed (it then moved to
   * the answer's tag, that of the previous answer when it was computed from the same versions).
   */
  private async make(key: string, reads: Reads, stamp: string | null, compute: () => Promise<Buffer>): Promise<CachedBody> {
    const signature = stamp === null ? '' : await this.signature(reads);
    const body = await compute();
    if (stamp === null || (await this.open()) !== stamp) return { body, etag: etagOf(body) };
    const previous = this.answers.get(key);
    const answer = { body, etag: previous?.signature === signature ? previous.item.etag : this.tagOf(signature, key) };
    this.remember(key, { item: answer, reads, signature, checked: stamp });
    return answer;
  }

  /** Runs `compute` once for concurrent requests of the same key on the same stamp. */
  private async shared<T>(key: string, stamp: string | null, compute: () => Promise<T>): Promise<T> {
    if (stamp === null) return compute();
    const pendingKey = `${stamp} ${key}`;
    const running = this.pending.get(pendingKey);
    if (running) return running as Promise<T>;
    const promise = compute();
    this.pending.set(pendingKey, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(pendingKey);
    }
  }

  /** The current stamp (entries are checked against it as they are used); null when nothing may be cached. */
  private async open(): Promise<string | null> {
    const stamp = await this.currentStamp();
    if (stamp !== null && stamp !== this.stamp) {
      this.stamp = stamp;
      this.tables = null;
    }
    return stamp;
  }

  /**
   * The item cached under `key` if it is still valid on `stamp`: already found so on it, or the tables
   * it reads have the versions they had when it was computed (and it is the same day). An invalid one
   * is dropped.
   */
  private async lookup<T>(map: Map<string, Entry<T>>, key: string, stamp: string): Promise<T | undefined> {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.checked === stamp) return entry.item;
    const signature = await this.signature(entry.reads);
    if (this.stamp === stamp && signature === entry.signature) {
      entry.checked = stamp;
      return entry.item;
    }
    if (map.get(key) === entry) this.forget(map, key, entry);
    return undefined;
  }

  private forget<T>(map: Map<string, Entry<T>>, key: string, entry: Entry<T>): void {
    map.delete(key);
    if ((map as unknown) === this.answers) this.bytes -= (entry.item as CachedBody).body.length;
  }

  /**
   * The local day and the versions of `reads` now (read at most once per stamp). Read after the
   * stamp, so never older than it: an entry computed from them is kept only if the stamp did not move
   * meanwhile (`unchangedSince`).
   */
  private async signature(reads: Reads): Promise<string> {
    const stamp = this.stamp;
    let tables = this.tables;
    if (!tables) {
      tables = await (this.version as DataVersion).tables();
      if (this.stamp === stamp) this.tables = tables;
    }
    return `${this.day}|${reads.map((t) => tables.get(t) ?? '?').join(',')}`;
  }

  /** Whether something computed since `stamp` may be kept: nothing changed while it was computed. */
  private async unchangedSince(stamp: string | null): Promise<boolean> {
    return stamp !== null && this.stamp === stamp && (await this.currentStamp()) === stamp;
  }

  /** `<data version>|<local day>`, or null when nothing may be cached right now. */
  private async currentStamp(): Promise<string | null> {
    if (!this.version || this.version.inTransaction) return null;
    const now = this.clock.now().getTime();
    if (now < this.dayStart || now >= this.dayEnd) {
      const tz = this.env.TRACKER_TIME_ZONE;
      this.day = localDateOf(new Date(now), tz);
      this.dayStart = startOfLocalDay(this.day, tz).getTime();
      this.dayEnd = startOfLocalDay(addDays(this.day, 1), tz).getTime();
    }
    return `${await this.version.current()}|${this.day}`;
  }

  /** The entity tag of the answer for `key` computed with `signature` (see the top of this file). */
  private tagOf(signature: string, key: string): string {
    return etagOf(`${this.tagScope}\n${signature}\n${key}`);
  }

  private remember(key: string, entry: Entry<CachedBody>): void {
    const size = entry.item.body.length;
    if (size > MAX_BYTES / 4) return;
    const old = this.answers.get(key);
    if (old) this.forget(this.answers, key, old);
    while (this.answers.size >= MAX_ENTRIES || this.bytes + size > MAX_BYTES) {
      const [oldestKey, oldest] = this.answers.entries().next().value as [string, Entry<CachedBody>];
      this.forget(this.answers, oldestKey, oldest);
    }
    this.answers.set(key, entry);
    this.bytes += size;
  }
}

async function collect(pieces: AsyncIterator<string>): Promise<string> {
  let text = '';
  for (let next = await pieces.next(); !next.done; next = await pieces.next()) text += next.value;
  return text;
}
