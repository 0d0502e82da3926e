/**
 * Logs: pino through nestjs-pino. One JSON object per line on stdout (pino-pretty's coloured lines
 * instead when stdout is a terminal and pino-pretty is installed, a dev dependency). Every line logged
 * while serving a request, and the one line per finished request, carries `reqId`: the id Fastify gives
 * the request (`genReqId` in app.factory.ts, a valid incoming X-Request-Id or a UUID), which the
 * response echoes as X-Request-Id. LOG_LEVEL sets pino's level.
 *
 * Nothing secret or personal reaches a log line: request lines keep only the method, the URL with
 * secret query values blanked, and the status (no headers, so no Authorization); every message is
 * scrubbed of e-mail addresses, bearer tokens, API keys (`rt_…`) and `token=` values.
 */
import { DynamicModule, Injectable, Module } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger as PinoNestLogger, LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import type { Environment } from '../../config/environment';

export const REDACTED = '[redacted]';

const SECRET_QUERY = /([?&;](?:token|key|api_?key|access_token|secret|password|email)=)[^&;#\s]*/gi;
// A match starts only where a run of address characters starts (the lookbehind): without it a long run
// with no address in it was tried from every position, quadratic time (a 100 KB query string took 18 s).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
const API_KEY = /\brt_[A-Za-z0-9_-]{8,}/g;

/** A URL fit for a log: secret query values blanked, e-mail addresses removed. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, `$1${REDACTED}`).replace(EMAIL, '[email]');
}

/** A log message with e-mail addresses, bearer tokens, API keys and `token=` values taken out. */
export function scrub(text: string): string {
  return text
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(API_KEY, `rt_${REDACTED}`)
    .replace(EMAIL, '[email]');
}

/**
 * Nest's own start-up chatter (a line per module and per route) is debug, not info: at the default
 * level the process says one thing when it starts, that it is listening.
 */
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

@Injectable()
export class AppLogger extends PinoNestLogger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) this.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}

/** pino-pretty for a terminal when it is installed (a dev dependency); JSON otherwise. */
function destination(): DestinationStream {
  if (process.stdout.isTTY) {
    try {
      const pretty = require('pino-pretty') as (options: object) => DestinationStream;
      return pretty({
        colorize: true,
        sync: true,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss.l',
        messageFormat: '{if context}[{context}] {end}{msg}',
        ignore: 'pid,hostname,context,req,res',
      });
    } catch {
      // Not installed (npm ci --omit=dev): plain JSON.
    }
  }
  return pino.destination({ dest: 1, sync: true });
}

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };
const urlOf = (req: LoggedRequest) => req.originalUrl ?? req.url ?? '';

/** What every log line shares: the level, the time, and messages scrubbed of secrets. */
function lineOptions(env: Environment): pino.LoggerOptions {
  return {
    level: env.LOG_LEVEL as LevelWithSilent,
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
}

export function pinoHttpOptions(env: Environment): Options {
  const line = (req: LoggedRequest, res: ServerResponse) => `${req.method} ${redactUrl(urlOf(req))} ${res.statusCode}`;
  return {
    ...lineOptions(env),
    // Fastify has already given the request its id (the X-Request-Id); pino-http reuses req.id.
    // Lines logged while handling the request carry only that id, not the whole request.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    serializers: {
      // The id is already the line's reqId.
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: redactUrl(req.url ?? '') }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // Nothing above logs headers; should a future serializer, these stay out.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: REDACTED },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => line(req as LoggedRequest, res),
    customErrorMessage: (req, res) => line(req as LoggedRequest, res),
    // Probes call /health every few seconds; a failing check logs its own warning.
    // (Middleware sees the path Nest matched in req.url; the whole URL stays in req.originalUrl.)
    autoLogging: { ignore: (req) => urlOf(req as LoggedRequest).split('?')[0] === '/health' },
  };
}

/**
 * The request line for an answer sent before Nest's middleware runs (a read-cache hit, answered in
 * a request hook: read-cache.ts), the same line pino-http writes for every other request, written
 * directly: pino-http's per-request child loggers and response listeners were a sixth of a cache
 * hit's cost. Such answers are 200 or 304; errors always go through pino-http.
 */
export class RequestLog {
  constructor(private readonly logger: pino.Logger) {}

  answered(request: FastifyRequest, reply: FastifyReply): void {
    if (!this.logger.isLevelEnabled('info')) return;
    const url = redactUrl(request.url);
    const statusCode = reply.statusCode;
    this.logger.info(
      {
        reqId: request.id,
        req: { method: request.method, url },
        res: { statusCode },
        responseTime: Math.round(reply.elapsedTime),
      },
      `${request.method} ${url} ${statusCode}`,
    );
  }
}

/**
 * Global: pino-http's request middleware, AppLogger for `app.useLogger` (app.factory.ts), and the
 * RequestLog of answers sent before the middleware, all writing to one destination.
 */
@Module({})
export class LoggingModule {
  /** `stream` replaces stdout (the logging e2e test reads the lines). */
  static forRoot(env: Environment, stream?: DestinationStream): DynamicModule {
    const destinationStream = stream ?? destination();
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: [pinoHttpOptions(env), destinationStream] })],
      providers: [AppLogger, { provide: RequestLog, useValue: new RequestLog(pino(lineOptions(env), destinationStream)) }],
      exports: [AppLogger, RequestLog],
    };
  }
}
