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
 * onRequest) waits for its turn: one turn per event-loop iteration, first come first served. Between
 * two turns Node polls the sockets, and a write that arrived meanwhile runs to its response at once.
 * /health takes no turn, so it answers while reads queue.
 *
 * The split is bounded the other way too: while reads wait, at most WRITES_PER_READ writes run
 * between two read turns; a further write waits for the next read's turn and runs right after it.
 * Without that bound a flood of writes took every iteration's work but one read (the CI stress test:
 * two closed-loop writers, reads waiting about 0.5 s). A lone write under many readers still runs at
 * once, or after one read when another write has just run.
 */
import type { FastifyInstance } from 'fastify';

/** Writes that may run between two read turns while reads wait (1: they alternate). */
export const WRITES_PER_READ = 1;

export class ReadTurns {
  private readonly waiting: (() => void)[] = [];
  /** Writes held back until the next read's turn. */
  private readonly writes: (() => void)[] = [];
  /** Writes run since the last read turn was given. */
  private writesSinceRead = 0;
  private scheduled = false;

  constructor(private readonly writesPerRead = WRITES_PER_READ) {}

  /** Resolves in a later event-loop iteration than the one in which the previous turn was given. */
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
   * Gives one turn. The read resumes in this callback's microtasks; the next turn is scheduled with
   * setImmediate from inside an immediate callback, which Node runs only after its next poll for I/O.
   */
  private readonly give = (): void => {
    const resolve = this.waiting.shift()!;
    // The writes held back run after this read: `writesPerRead` of them, or all once no read waits.
    const released = this.writes.splice(0, this.waiting.length > 0 ? this.writesPerRead : this.writes.length);
    this.writesSinceRead = released.length;
    if (this.waiting.length > 0) setImmediate(this.give);
    else this.scheduled = false;
    resolve();
    for (const write of released) write();
  };
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
