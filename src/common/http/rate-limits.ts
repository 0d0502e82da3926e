/**
 * Rate limits per client (its IP address, as TRUST_PROXY allows it to be known), with
 * @nestjs/throttler's guard counting in memory (rate-limit-store.ts), so per process:
 * - every route together: RATE_LIMIT_PER_MINUTE;
 * - the subscription routes together (subscribe, confirm, manage, restore; marked with
 *   @SubscriptionRateLimit()): RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR, since each can send an email or
 *   try a token; and the same routes from all clients together, RATE_LIMIT_SUBSCRIPTIONS_ALL_PER_HOUR,
 *   so that many addresses (a botnet, a block of IPv6 addresses) cannot do what one may not;
 * - unsubscribing (the link's form and the RFC 8058 one-click POST; @OutsideSubscriptionLimits())
 *   only under the limit of every route: a flood of subscribe requests must not hold a mailbox's
 *   unsubscribe, and one-click POSTs come from mailbox providers' servers, many readers to an address;
 * - failed API-key authentications: RATE_LIMIT_AUTH_FAILURES_PER_HOUR, after which the client's keyed
 *   requests are refused for an hour before the key is even looked at (AuthFailureLimiter).
 * Beyond a limit: 429 problem+json with Retry-After (seconds).
 */
import { ExecutionContext, Global, Injectable, Module, SetMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Environment } from '../../config/environment';
import { ProblemException } from '../problem/problem';
import { RateLimitStore } from './rate-limit-store';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SUBSCRIPTION_ROUTE = 'reform-tracker:subscription-rate-limit';
/** The throttler counted for every client together (its key has no client in it). */
const ALL_CLIENTS = 'subscriptions-all';

/** Marks a controller or route as one of the subscription routes (their stricter, shared limit). */
export const SubscriptionRateLimit = () => SetMetadata(SUBSCRIPTION_ROUTE, true);

/**
 * Takes a route of a @SubscriptionRateLimit() controller out of both subscription limits (per client
 * and for all clients): unsubscribing, which sends nothing and whose tokens cannot be guessed.
 */
export const OutsideSubscriptionLimits = () => SetMetadata(SUBSCRIPTION_ROUTE, false);

/** The route's own mark, else its controller's. */
const isSubscriptionRoute = (context: ExecutionContext): boolean =>
  ((Reflect.getMetadata(SUBSCRIPTION_ROUTE, context.getHandler()) as boolean | undefined) ??
    Reflect.getMetadata(SUBSCRIPTION_ROUTE, context.getClass())) === true;

/** 429 problem+json, with Retry-After in whole seconds. */
function tooManyRequests(
  reply: FastifyReply,
  retryAfterSeconds: number,
  what: string,
  from = 'from your address',
): ProblemException {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  reply.header('Retry-After', String(seconds));
  return new ProblemException({
    type: 'about:blank',
    title: 'Too Many Requests',
    status: 429,
    detail: `Too many ${what} ${from}; try again in ${seconds} s.`,
  });
}

export function rateLimitOptions(env: Environment, storage: RateLimitStore): ThrottlerModuleOptions {
  return {
    storage,
    // One budget per client across routes (the library's default key is per route); one for all clients.
    generateKey: (_context, tracker, name) => (name === ALL_CLIENTS ? name : `${name}:${tracker}`),
    throttlers: [
      { name: 'default', ttl: MINUTE, limit: env.RATE_LIMIT_PER_MINUTE },
      {
        name: 'subscriptions',
        ttl: HOUR,
        limit: env.RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR,
        skipIf: (context) => !isSubscriptionRoute(context),
      },
      {
        name: ALL_CLIENTS,
        ttl: HOUR,
        limit: env.RATE_LIMIT_SUBSCRIPTIONS_ALL_PER_HOUR,
        skipIf: (context) => !isSubscriptionRoute(context),
      },
    ],
  };
}

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Requests `admit` has counted: if one goes on to its route after all, it is not counted again. */
  private readonly counted = new WeakSet<FastifyRequest>();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.counted.has(context.switchToHttp().getRequest<FastifyRequest>())) return true;
    return super.canActivate(context);
  }

  /**
   * Counts a request answered before routing (a read-cache hit, common/cache/read-cache.ts, or an
   * early route, early-routes.ts) as this guard counts any other, with the same X-RateLimit headers; false when the client is over a limit
   * (routing then goes on, and this guard answers 429). Only the limits of every route apply: the
   * subscription routes, the only ones with a limit of their own, are never cached or early.
   */
  async admit(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const { getTracker, generateKey } = this.commonOptions;
    if (!getTracker || !generateKey) return false;
    for (const { name = 'default', ttl, limit, blockDuration, skipIf } of this.throttlers) {
      if (skipIf) continue;
      if (typeof ttl !== 'number' || typeof limit !== 'number') return false;
      // The key does not depend on the route (rateLimitOptions), so no execution context is needed.
      const key = generateKey(undefined as never, await getTracker(request, undefined as never), name);
      const hits = await this.storageService.increment(
        key,
        ttl,
        limit,
        typeof blockDuration === 'number' ? blockDuration : ttl,
        name,
      );
      if (hits.isBlocked) return false;
      const suffix = name === 'default' ? '' : `-${name}`;
      reply.header(`${this.headerPrefix}-Limit${suffix}`, limit);
      reply.header(`${this.headerPrefix}-Remaining${suffix}`, Math.max(0, limit - hits.totalHits));
      reply.header(`${this.headerPrefix}-Reset${suffix}`, hits.timeToExpire);
    }
    this.counted.add(request);
    return true;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (detail.key === ALL_CLIENTS) {
      throw tooManyRequests(reply, detail.timeToBlockExpire, 'subscription requests', 'to this tracker from all addresses');
    }
    throw tooManyRequests(reply, detail.timeToBlockExpire, isSubscriptionRoute(context) ? 'subscription requests' : 'requests');
  }
}

/** Counts failed API-key authentications per client, in the limits' store. */
@Injectable()
export class AuthFailureLimiter {
  private static readonly NAME = 'auth-failures';

  constructor(
    private readonly storage: RateLimitStore,
    private readonly env: Environment,
  ) {}

  private key(request: FastifyRequest): string {
    return `${AuthFailureLimiter.NAME}:${request.ip}`;
  }

  /** Refuses (429) a client that has failed too often, before its key is looked at. */
  refuseIfBlocked(request: FastifyRequest, reply: FastifyReply): void {
    const remainingMs = this.storage.blockedFor(this.key(request));
    if (remainingMs > 0) throw tooManyRequests(reply, remainingMs / 1000, 'failed authentications');
  }

  /** Records a failure; refuses (429) the one that goes past the limit. */
  async recordFailure(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      this.key(request),
      HOUR,
      this.env.RATE_LIMIT_AUTH_FAILURES_PER_HOUR,
      HOUR,
    );
    if (isBlocked) throw tooManyRequests(reply, timeToBlockExpire, 'failed authentications');
  }
}

/** The store of the counts, shared by the throttler's guard and the failure counter. */
@Global()
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
class RateLimitStoreModule {}

/** The limits: the global guard (also counting read-cache hits), and the failure counter the API-key guard uses (wherever it guards). */
@Global()
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [Environment, RateLimitStore],
      useFactory: (env: Environment, storage: RateLimitStore) => rateLimitOptions(env, storage),
    }),
  ],
  providers: [RateLimitGuard, { provide: APP_GUARD, useExisting: RateLimitGuard }, AuthFailureLimiter],
  exports: [AuthFailureLimiter, RateLimitGuard],
})
export class RateLimitModule {}
