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
 * a write that arrived meanwhile runs to its response at once (writes do not take turns). /health
 * does not either, so it answers while reads queue.
 *
 * A read that says when it is done (`done()`: the early routes, early-routes.ts) hands its turn to
 * the next one at once while the iteration's reads have taken less than SLICE_MS: a write then waits
 * for at most that, plus one read, before its socket is polled. One read per iteration made every
 * queued read live through several more garbage collections and loop iterations (the uncached list
 * cost about a tenth more CPU in alternating rounds: README "Performance").
 */
import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';

/** How long reads may follow one another in one event-loop iteration before the sockets are polled. */
const SLICE_MS = 2;

export class ReadTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  /** Whether a turn was given and not yet handed on by `done()`. */
  private held = false;
  /** When the reads of this event-loop iteration began (performance.now()). */
  private sliceStart = 0;

  constructor(private readonly sliceMs = SLICE_MS) {}

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

  /** Reads waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
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

  private hand(): void {
    this.held = true;
    this.waiting.shift()!();
  }
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const takesNoTurn = (url: string) => url === '/health' || url.startsWith('/health?') || url.startsWith('/health/');

/** Makes the routed GET and HEAD requests of `fastify` (except /health) take turns (see the file header). */
export function readsTakeTurns(fastify: FastifyInstance, turns = new ReadTurns()): ReadTurns {
  fastify.addHook('preHandler', async (request) => {
    if (READ_METHODS.has(request.method) && !takesNoTurn(request.url)) await turns.take();
  });
  return turns;
}
