/**
 * Builds the HTTP application: Fastify, problem+json errors, validation, security headers and the
 * OpenAPI document. main.ts, the e2e tests and the benchmark all start the app through here.
 */
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { readersFirst } from './common/api-docs';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { parse as parseQueryString } from 'node:querystring';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { ReadCache } from './common/cache/read-cache';
import { EarlyRoutes } from './common/http/early-routes';
import { RateLimitGuard } from './common/http/rate-limits';
import { ReadTurns, readsTakeTurns } from './common/http/read-turns';
import { AppLogger, RequestLog } from './common/logging/logging';
import { useCursorSecret } from './common/pagination/cursor';
import { loadCursorSecret } from './common/pagination/cursor-secret';
import { PROBLEM_CONTENT_TYPE } from './common/problem/problem';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { InputRefusedException, inspectInput, parseJsonBody } from './common/validation/input-guard';
import { ProblemValidationPipe } from './common/validation/validation-pipe';
import { corsOptions, securityHeaders, trustProxy } from './common/http/security-headers';
import { Environment } from './config/environment';
import { DashboardExceptionFilter } from './dashboard/dashboard-exception.filter';
import { registerImportBodies } from './import-export/import-body';
import { SeedService } from './seed/seed.service';
import { ServerAddress } from './database/server-address';

/** `options.logStream` receives the log lines instead of stdout (tests). */
export async function createApp(
  env: Environment,
  options: { logStream?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  // Cursors are signed with the server's secret (configured, or generated into the data folder).
  useCursorSecret(loadCursorSecret(env));
  const adapter = new FastifyAdapter({
    // Request logs come from pino-http through nestjs-pino (common/logging/logging.ts), with this id.
    logger: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: env.BODY_MAX_BYTES,
    trustProxy: trustProxy(env),
    // A slow client cannot hold a connection: the whole request must arrive in REQUEST_TIMEOUT_SECONDS
    // (408 and closed), the headers sooner, and idle keep-alive connections close.
    requestTimeout: env.REQUEST_TIMEOUT_SECONDS * 1000,
    keepAliveTimeout: env.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    connectionTimeout: (env.REQUEST_TIMEOUT_SECONDS + env.KEEP_ALIVE_TIMEOUT_SECONDS) * 1000,
    http: {
      headersTimeout: Math.min(env.HEADERS_TIMEOUT_SECONDS, env.REQUEST_TIMEOUT_SECONDS) * 1000,
      // How often Node checks those two timeouts (its default, 30 s, would let a slow client stay that long).
      connectionsCheckingInterval: 1000,
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    // Errors Fastify raises before any route runs (a URL with broken percent-encoding…) are problems too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status =
        typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void reply
        .code(status)
        .header('Content-Type', PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: 'Bad Request',
            status,
            detail: error.code === 'FST_ERR_BAD_URL' ? 'The URL is not valid percent-encoding.' : error.message,
            instance: request.url.split('?')[0],
          }),
        );
    },
  });
  // Request hooks that must run before Nest's middleware (the request log), which NestFactory.create
  // registers, so added here; after the adapter's own, CORS among them.
  // Built once from the environment: https-only headers only when PUBLIC_URL is https.
  const security = securityHeaders(env);
  adapter.getInstance().addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  // A cached answer is sent here, before validation and the handler, since its URL was validated
  // when it was made (read-cache.ts), and so is a route whose query was validated before
  // (early-routes.ts); both count against the rate limit like any request and get their request line
  // from RequestLog, not from pino-http's middleware.
  const early: { answer?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean> } = {};
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    if (early.answer && (await early.answer(request, reply))) return reply;
  });
  // Logs made while the app is built wait for pino, which then applies LOG_LEVEL to them.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env, options.logStream), adapter, {
    bufferLogs: true,
    // The body parsers are registered below: JSON through the input limits, forms as Nest would.
    bodyParser: false,
  });
  const cache = app.get(ReadCache);
  const limits = app.get(RateLimitGuard);
  const requestLog = app.get(RequestLog);
  const admit = (request: FastifyRequest, reply: FastifyReply) => limits.admit(request, reply);
  const routes = app.get(EarlyRoutes);
  // Uncached reads take turns, so a write is not parked behind a batch of them:
  // the early routes' computed answers here, the routed GETs in preHandler (read-turns.ts).
  const turns = new ReadTurns();
  early.answer = async (request, reply) => {
    if (!(await cache.answerEarly(request, reply, admit)) && !(await routes.answer(request, reply, admit, turns))) return false;
    requestLog.answered(request, reply);
    return true;
  };
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance();
  // A callback hook, not an async one: no promise per answer.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('X-Request-Id', request.id);
    done(null, payload);
  });
  // Before any route exists: CSV bodies, and the import route's own size limit (IMPORT_MAX_BYTES).
  registerImportBodies(fastify, env);
  // Every body and query passes the input limits (depth, NUL, lone surrogates, prototype-named keys)
  // before validation or any handler sees it; JSON keeps each route's body size limit.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, parseQueryString(body as string)),
  );
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Path parameters too: a NUL byte in a slug is refused here, before it reaches PostgreSQL (which rejects it in text).
  fastify.addHook('preValidation', async (request) => {
    const errors = [
      ...inspectInput(request.params, 'path'),
      ...inspectInput(request.body, 'body'),
      ...inspectInput(request.query, 'query'),
    ];
    if (errors.length) throw new InputRefusedException(errors);
  });
  // RFC 8058 one-click unsubscribe POSTs may arrive as multipart/form-data. No route reads multipart
  // fields, so such a body is read (bounded) and dropped; the routes validate what they need.
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, _body, done) =>
    done(null, {}),
  );
  readsTakeTurns(fastify, turns);
  app.enableCors(corsOptions(env));
  // A mistyped page address gets the dashboard's HTML 404; the API keeps problem+json.
  app.useGlobalFilters(new ProblemDetailsFilter(app.get(DashboardExceptionFilter)));
  app.useGlobalPipes(new ProblemValidationPipe());

  const config = new DocumentBuilder()
    .setTitle('Reform Tracker API')
    .setDescription(
      'Public API of the Reform Tracker: what oversight bodies recommended, what officials promised, what happened, with proof. ' +
        'Errors are RFC 9457 application/problem+json. Deadlines close at the end of their period in the tracker time zone.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Editor or admin API key (rt_…), for writes only.' })
    .build();
  const document = readersFirst(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Reform Tracker API' });

  // Seed an empty database on first start, after migrations have run (they run as the connection opens).
  await app.init();
  if (env.SEED_ON_START === 'true') {
    const seed = app.get(SeedService);
    if (await seed.isEmpty()) {
      Logger.debug('Empty database: seeding the Chicago foot-pursuit dataset', 'Bootstrap');
      await seed.apply();
    }
  }
  // Where this server is reached, for a CLI run beside it without PUBLIC_URL (its emails' links).
  await app.get(ServerAddress).recordThisServer();
  return app;
}
