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
 * two turns Node polls the sockets, and a write that arrived meanwhile runs to its response at once
 * (writes do not take turns). /health does not either, so it answers while reads queue.
 */
import type { FastifyInstance } from 'fastify';

export class ReadTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

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

  /** Reads waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Gives one turn. The read resumes in this callback's microtasks; the next turn is scheduled with
   * setImmediate from inside an immediate callback, which Node runs only after its next poll for I/O.
   */
  private readonly give = (): void => {
    const resolve = this.waiting.shift()!;
    if (this.waiting.length > 0) setImmediate(this.give);
    else this.scheduled = false;
    resolve();
  };
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
