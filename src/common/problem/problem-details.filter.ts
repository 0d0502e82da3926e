/**
 * Turns every error into application/problem+json. Known HTTP errors keep their status; errors
 * raised by Fastify itself (malformed JSON, body too large, bad content type) keep their 4xx; anything
 * else is logged and answered as a bare 500 without internals.
 */
import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseBusy } from '../../database/constraint-errors';
import { InputRefusedException } from '../validation/input-guard';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, ProblemException } from './problem';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemFor(error: unknown): ProblemDocument {
  if (error instanceof ProblemException) return { ...error.problem };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? (body as { message: string[] }).message.join('; ')
          : String((body as { message?: unknown }).message ?? error.message);
    return { type: 'about:blank', title: STATUS_TITLES[status] ?? 'Error', status, detail: message };
  }
  if (isDatabaseBusy(error)) {
    // Waited for the busy timeout already; the client may simply try again (Retry-After, set below).
    return {
      type: 'about:blank',
      title: STATUS_TITLES[503],
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: 'The database is busy with other writes; nothing was changed. Try again in a moment.',
    };
  }
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return {
      type: 'about:blank',
      title: STATUS_TITLES[fastifyStatus] ?? 'Bad Request',
      status: fastifyStatus,
      detail: (error as Error).message,
    };
  }
  return {
    type: 'about:blank',
    title: STATUS_TITLES[500],
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred. It has been logged.',
  };
}

/**
 * Whether a request is for a web page no route answers: a GET or HEAD outside the JSON API (`/api/…`)
 * and the OpenAPI document that matched no route. Such a request is a mistyped page address, and a
 * person reading it in a browser should get the site's HTML 404 page, not a JSON document.
 */
export function isUnmatchedPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.routeOptions?.url !== undefined) return false;
  const path = request.url.split('?')[0];
  return !/^\/api(\/|$)/.test(path) && !/^\/docs-json(\/|$)/.test(path);
}

/** Whether a path is a web page: not the JSON API, the OpenAPI document or a feed. */
export function isPagePath(url: string): boolean {
  return !/^\/(api|docs-json|feeds)(\/|$)/.test(url.split('?')[0]);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  /** @param pages renders the site's HTML error page; used for unmatched page addresses. */
  constructor(private readonly pages?: ExceptionFilter) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    // Input refused before any route ran (input-guard.ts) is, on a web page, the site's HTML 400 page.
    const refusedOnPage = error instanceof InputRefusedException && isPagePath(request.url);
    if (this.pages && (isUnmatchedPageRequest(request) || refusedOnPage)) {
      this.pages.catch(error, host);
      return;
    }
    const problem = problemFor(error);
    // A ProblemException is an answer chosen on purpose (a 503 from /health); anything else is a bug.
    if (problem.status >= 500 && !(error instanceof ProblemException) && !isDatabaseBusy(error)) {
      this.logger.error(`${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
    }
    problem.instance = request.url.split('?')[0];
    if (reply.sent) return;
    if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    if (problem.status === 503 && !reply.hasHeader('Retry-After')) reply.header('Retry-After', '1');
    reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
