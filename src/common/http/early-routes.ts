/**
 * Public GET routes answered in a request hook (app.factory.ts), before Nest's middleware, guards,
 * pipes and handler, when the validation pipe has already passed the same query parameters
 * (validation-pipe.ts, `passedQuery`): the list is the app's hottest uncached request, and Nest's
 * pipeline around it (middleware, the request log's child loggers, guards, interceptors, pipes) cost
 * about as much as writing the page. The request is counted against the rate limit as the guard
 * counts it; anything else (a query not seen yet or refused, a body, a handler that throws) goes on
 * through Nest's route, which answers as it always does (its 400s, 404s and 500s included), and the
 * rate-limit guard does not count that request a second time.
 */
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { passedQuery } from '../validation/validation-pipe';
import type { ReadTurns } from './read-turns';

type Answer<Q> = (query: Q, request: FastifyRequest, reply: FastifyReply) => Promise<void>;

interface EarlyRoute {
  query: new () => object;
  answer: Answer<never>;
}

@Injectable()
export class EarlyRoutes {
  private readonly routes = new Map<string, EarlyRoute>();

  /** Answers GET `path` (as routed, without the query) with `answer` once its query class has passed these parameters. */
  register<Q extends object>(path: string, query: new () => Q, answer: Answer<Q>): void {
    this.routes.set(path, { query, answer: answer as Answer<never> });
  }

  /**
   * Answers the request when it is a registered route with a query already passed, counted by
   * `admit`, in its turn among the reads (`turns`, read-turns.ts: the answer is computed, not cached),
   * handed on when it is done; true when it did. A handler that throws leaves the request to Nest's route.
   */
  async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    admit: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>,
    turns: Pick<ReadTurns, 'take' | 'done'> = NO_TURNS,
  ): Promise<boolean> {
    if (request.method !== 'GET' || this.routes.size === 0) return false;
    const route = this.routes.get(request.routeOptions.url ?? '');
    if (!route || hasBody(request)) return false;
    const query = passedQuery(route.query, request.query);
    if (!query || !(await admit(request, reply))) return false;
    await turns.take();
    try {
      await route.answer(query as never, request, reply);
      return true;
    } catch {
      // Nothing was sent (answers are sent whole, at the end): Nest's route answers instead.
      return reply.sent;
    } finally {
      turns.done();
    }
  }
}

/** For a caller without turns: every read goes at once. */
const NO_TURNS = { take: async () => {}, done: () => {} };

/** Whether a body comes with the request (Nest's route then checks it, as it checks every body). */
const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';
