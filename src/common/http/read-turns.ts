/**
 * Reads take turns with the network, so that a write is never queued behind a batch of them.
 *
 * Why: a read that the cache cannot answer does its work (SQL through better-sqlite3, JSON) without
 * ever yielding to I/O, and Node runs every request that arrived in one poll of the sockets before it
 * polls again. Under 50 uncached readers one such batch held the event loop for 300–400 ms on the
 * bench machine, and a status change waited in the socket for one or two batches before it was even
 * parsed (write p50 0.7 s, p99 1.2–7 s), although its own transaction took about a millisecond and
 * never yielded (measured: test/bench/scenarios/writes.js, README "Performance").
 *
 * So the handler of a GET or HEAD that reaches its route (cache hits are answered earlier, in
 * onRequest) waits for its turn: first come first served, and a turn is given in a later event-loop
 * iteration than the one that gave the previous. Between two iterations Node polls the sockets, and
 * a write that arrived meanwhile runs to its response at once (writes do not wait for a turn, within
 * the bound below). /health takes no turn either, so it answers while reads queue.
 *
 * A read that says when it is done (`done()`: the early routes, early-routes.ts) hands its turn to
 * the next one at once while the iteration's reads have taken less than SLICE_MS: a write then waits
 * for at most that, plus one read, before its socket is polled. One read per iteration made every
 * queued read live through several more garbage collections and loop iterations (the uncached list
 * cost about a tenth more CPU in alternating rounds: README "Performance").
 *
 * The split is bounded the other way too: while reads wait, at most WRITES_PER_READ writes run
 * between two read turns; a further write waits for the next read's turn and runs right after it.
 * Without that bound a flood of writes took every iteration's work but one read (the CI stress test:
 * two closed-loop writers, reads waiting about 0.5 s). A lone write under many readers still runs at
 * once, or after one read when another write has just run.
 */
import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';

/** How long reads may follow one another in one event-loop iteration before the sockets are polled. */
const SLICE_MS = 2;

/** Writes that may run between two read turns while reads wait (1: they alternate). */
export const WRITES_PER_READ = 1;

export class ReadTurns {
  private readonly waiting: (() => void)[] = [];
  /** Writes held back until the next read's turn. */
  private readonly writes: (() => void)[] = [];
  /** Writes run since the last read turn was given. */
  private writesSinceRead = 0;
  private scheduled = false;
  /** Whether a turn was given and not yet handed on by `done()`. */
  private held = false;
  /** When the reads of this event-loop iteration began (performance.now()). */
  private sliceStart = 0;

  private readonly sliceMs: number;
  private readonly writesPerRead: number;

  constructor({ sliceMs = SLICE_MS, writesPerRead = WRITES_PER_READ }: { sliceMs?: number; writesPerRead?: number } = {}) {
    this.sliceMs = sliceMs;
    this.writesPerRead = writesPerRead;
  }

  /** Resolves when it is this read's turn (see the file header). */
  take(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.give);
      }
    });
  }

  /**
   * Ends the turn of the read that holds it: the next one gets it at once while this iteration's
   * reads are within the slice, else in the next iteration.
   */
  done(): void {
    if (!this.held) return;
    this.held = false;
    if (this.waiting.length > 0 && performance.now() - this.sliceStart < this.sliceMs) this.hand();
  }

  /**
   * A write's admission: at once (undefined) unless reads are waiting and `writesPerRead` writes
   * have run since the last read turn; then a promise that resolves right after the next read turn.
   */
  admitWrite(): Promise<void> | undefined {
    if (this.waiting.length === 0 || this.writesSinceRead < this.writesPerRead) {
      this.writesSinceRead += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => this.writes.push(resolve));
  }

  /** Reads waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Writes held back until a read's turn. */
  get heldWrites(): number {
    return this.writes.length;
  }

  /**
   * Gives the first turn of an iteration. The read resumes in this callback's microtasks; the next
   * turn is scheduled with setImmediate from inside an immediate callback, which Node runs only after
   * its next poll for I/O (a read that never calls `done()` holds its turn until then).
   */
  private readonly give = (): void => {
    if (this.waiting.length === 0) {
      this.scheduled = false;
      return;
    }
    this.sliceStart = performance.now();
    setImmediate(this.give);
    this.hand();
  };

  /** Gives the next read its turn; the writes held back run after it (`writesPerRead`, or all after the last read). */
  private hand(): void {
    this.held = true;
    const resolve = this.waiting.shift()!;
    const released = this.writes.splice(0, this.waiting.length > 0 ? this.writesPerRead : this.writes.length);
    this.writesSinceRead = released.length;
    resolve();
    for (const write of released) write();
  }
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const takesNoTurn = (url: string) => url === '/health' || url.startsWith('/health?') || url.startsWith('/health/');

/**
 * Makes the routed GET and HEAD requests of `fastify` (except /health) take turns, and its writes
 * keep to the bound between two of them (see the file header).
 */
export function readsTakeTurns(fastify: FastifyInstance, turns = new ReadTurns()): ReadTurns {
  fastify.addHook('preHandler', async (request) => {
    if (takesNoTurn(request.url)) return;
    if (READ_METHODS.has(request.method)) await turns.take();
    else if (WRITE_METHODS.has(request.method)) await turns.admitWrite();
  });
  return turns;
}
