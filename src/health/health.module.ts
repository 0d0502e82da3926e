/**
 * GET /health on @nestjs/terminus: the database answers a ping, and mail can be handed over (the SMTP
 * server greets and accepts the login, or the outbox folder takes a file, and the dispatcher's last
 * send did not fail at the transport), with the outbox's backlog, its oldest pending age and its dead
 * count. The mail check connects at most once per MAIL_HEALTH_CHECK_SECONDS, and not at all while the
 * dispatcher's own sends say how the transport is. All up: 200. Any down: 503 as application/problem+json, like every other error, with each
 * check's state in `checks`.
 */
import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  Module,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorResult,
  HealthIndicatorService,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '../common/problem/problem';
import { NoQueryParams } from '../common/query/no-params.query';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { MAIL_TRANSPORT, type MailTransport } from '../notifications/mail/mail-transport';
import { MailTransportHealth } from '../notifications/mail/mail-transport-health';
import { MailModule } from '../notifications/mail/mail.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { HEALTH_COUNT_LIMIT, OutboxHealthCounts, OutboxRepository } from '../notifications/outbox.repository';

/** Bounds for one /health call: a probe that hangs must not hang the probe. */
export const DATABASE_PING_TIMEOUT_MS = 1_000;
export const MAIL_VERIFY_TIMEOUT_MS = 3_000;

type CheckState = 'up' | 'down';

class HealthView {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: { database: 'up', mail: 'up', outbox: 'up' }, description: 'Each check: up or down.' })
  checks: Record<string, CheckState>;
  @ApiProperty({
    example: {
      database: { status: 'up' },
      mail: { status: 'up', transport: 'smtp', dispatch: { status: 'up', since: '2026-12-01T03:00:00.000Z', retryAt: null } },
      outbox: {
        status: 'up',
        pending: 12,
        sending: 0,
        dead: 1,
        oldestPendingAt: '2026-12-01T03:59:30.000Z',
        oldestPendingSeconds: 30,
        countedUpTo: 1000,
      },
    },
    description:
      "Terminus's details for each check. mail.dispatch: the transport as the dispatcher last found it (unknown before " +
      'anything was sent; down after a connection, TLS, login or MAIL FROM failure, until a send succeeds). outbox: ' +
      'notifications pending (the backlog), being sent, dead, each counted up to countedUpTo (a count equal to it ' +
      'means at least that many), and the age of the oldest pending one.',
  })
  details: HealthIndicatorResult;
}

/** A check of the mail transport: when it ended (performance.now()) and its error, or undefined when it passed. */
interface MailVerification {
  at: number;
  error: unknown;
}

@Injectable()
export class MailHealthIndicator {
  private readonly logger = new Logger('Health');
  private readonly trustMs: number;
  private verified: MailVerification | null = null;
  /** The check under way, which every /health call meanwhile waits for (one connection, however many calls). */
  private verifying: Promise<MailVerification> | null = null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly dispatchHealth: MailTransportHealth,
    env: Environment,
  ) {
    this.trustMs = env.MAIL_HEALTH_CHECK_SECONDS * 1000;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    // What the dispatcher saw: a relay that greets and logs in can still refuse MAIL FROM. Never the
    // message itself (it may name hosts): its error code only.
    const seen = this.dispatchHealth.status();
    const dispatch = { status: seen.status, since: seen.since, retryAt: seen.retryAt };
    if (seen.status === 'down') {
      // The dispatcher's fault stands until it sends again (at retryAt): checking would not change the answer.
      return indicator.down({
        transport: this.transport.kind,
        dispatch,
        error: /\bE[A-Z]+\b/.exec(seen.lastError ?? '')?.[0] ?? 'transport',
      });
    }
    // A message accepted lately says more than a login would: no connection needed.
    const { error } = this.dispatchHealth.msSinceAccepted() < this.trustMs ? { error: undefined } : await this.verification();
    if (error === undefined) return indicator.up({ transport: this.transport.kind, dispatch });
    // The public answer carries the error code only (the message, logged once per check, may name
    // internal hosts and paths); nodemailer keeps the socket's own code (ECONNREFUSED…) as
    // originalCode beside its ESOCKET.
    const { code, originalCode } = (error ?? {}) as { code?: unknown; originalCode?: unknown };
    return indicator.down({
      transport: this.transport.kind,
      dispatch,
      error: [originalCode, code].find((c) => typeof c === 'string') ?? 'unavailable',
    });
  }

  /** The last check while it is fresh (MAIL_HEALTH_CHECK_SECONDS), else a new one, shared by concurrent calls. */
  private async verification(): Promise<MailVerification> {
    const last = this.verified;
    if (last && performance.now() - last.at < this.trustMs) return last;
    this.verifying ??= this.verifyNow().finally(() => (this.verifying = null));
    return this.verifying;
  }

  private async verifyNow(): Promise<MailVerification> {
    let error: unknown = undefined;
    try {
      await withTimeout(this.transport.verify(MAIL_VERIFY_TIMEOUT_MS), MAIL_VERIFY_TIMEOUT_MS + 500);
    } catch (caught) {
      error = caught ?? new Error('unavailable');
      this.logger.warn(`Mail transport (${this.transport.kind}) check failed: ${(caught as Error)?.message ?? String(caught)}`);
    }
    this.verified = { at: performance.now(), error };
    return this.verified;
  }
}

/**
 * The outbox at a glance: the backlog (pending), what is being sent, the dead, and how long the oldest
 * pending notification has waited. A report, never a reason for 503: a backlog is not an outage (the
 * mail check says when the transport is the problem).
 */
@Injectable()
export class OutboxHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    let counts: OutboxHealthCounts;
    try {
      counts = await this.outbox.healthCounts();
    } catch {
      // The database check says why (and logs nothing here twice): the outbox just cannot be read.
      return indicator.down({ error: 'unavailable' });
    }
    const oldestPendingSeconds =
      counts.oldestPendingAt === null
        ? null
        : Math.max(0, Math.floor((this.clock.now().getTime() - Date.parse(counts.oldestPendingAt)) / 1000));
    return indicator.up({ ...counts, oldestPendingSeconds, countedUpTo: HEALTH_COUNT_LIMIT });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`timeout of ${ms} ms exceeded`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly mail: MailHealthIndicator,
    private readonly outbox: OutboxHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, database reachability, the mail transport and the outbox backlog' })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({
    description: 'A check is down: application/problem+json with `checks` (each up or down) and `details`.',
    content: { [PROBLEM_CONTENT_TYPE]: {} },
  })
  async check(@Query() _q: NoQueryParams): Promise<HealthView> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: DATABASE_PING_TIMEOUT_MS }),
        () => this.mail.check('mail'),
        () => this.outbox.check('outbox'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const failed = error.getResponse() as HealthCheckResult;
      const checks = summary(failed);
      const down = Object.keys(checks).filter((k) => checks[k] === 'down');
      this.logger.warn(`Health check failed: ${down.join(', ') || failed.status}`);
      throw new ProblemException({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: down.length > 0 ? `Down: ${down.join(', ')}.` : 'The service is shutting down.',
        checks,
        details: failed.details,
      });
    }
    return { status: 'ok', checks: summary(result), details: result.details };
  }
}

function summary(result: HealthCheckResult): Record<string, CheckState> {
  return Object.fromEntries(Object.entries(result.details).map(([key, value]) => [key, value.status === 'up' ? 'up' : 'down']));
}

@Module({
  // Terminus's own failure log draws a box around the details; the controller logs one line instead.
  imports: [TerminusModule.forRoot({ logger: false }), MailModule, NotificationsModule],
  controllers: [HealthController],
  providers: [MailHealthIndicator, OutboxHealthIndicator],
})
export class HealthModule {}
