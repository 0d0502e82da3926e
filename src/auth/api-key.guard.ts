/**
 * Writes need `Authorization: Bearer <key>`. Missing, unknown or revoked key: 401. A key whose role
 * is not enough for the route: 403. Admins can do everything editors can.
 */
import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../common/api-docs';
import { AuthFailureLimiter } from '../common/http/rate-limits';
import { ProblemException } from '../common/problem/problem';
import type { ApiKeyRole } from './api-key.entity';
import { ApiKeysService, AuthenticatedKey } from './api-keys.service';

const ROLE_KEY = 'reform-tracker:required-role';
const RANK: Record<ApiKeyRole, number> = { editor: 1, admin: 2 };

type AuthedRequest = FastifyRequest & { apiKey?: AuthenticatedKey };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required =
      this.reflector.getAllAndOverride<ApiKeyRole | undefined>(ROLE_KEY, [context.getHandler(), context.getClass()]) ?? 'editor';
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers.authorization;
    const unauthorized = (detail: string) =>
      new ProblemException({ type: 'about:blank', title: 'Unauthorized', status: 401, detail });
    if (!header) throw unauthorized('This request needs an API key: send Authorization: Bearer <key>.');
    // A client that has guessed too often is refused before its key is looked at (429, Retry-After).
    this.failures.refuseIfBlocked(request, reply);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const key = match ? await this.keys.authenticate(match[1]) : null;
    if (!key) {
      await this.failures.recordFailure(request, reply);
      throw unauthorized(
        match ? 'The API key is unknown or has been revoked.' : 'The Authorization header must be "Bearer <key>".',
      );
    }
    if (RANK[key.role] < RANK[required]) {
      throw new ProblemException({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: `This action needs an ${required} key.`,
      });
    }
    request.apiKey = key;
    return true;
  }
}

/** Marks a route as needing a key with at least this role, and documents it. */
export const RequireRole = (role: ApiKeyRole) =>
  applyDecorators(
    SetMetadata(ROLE_KEY, role),
    UseGuards(ApiKeyGuard),
    ApiBearerAuth(),
    ApiProblems([401, 'No API key, or an unknown or revoked one.'], [403, `The key's role is not enough (needs ${role}).`]),
  );

/** The authenticated key of the request (only on routes behind RequireRole). */
export const CurrentKey = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedKey => {
  const key = context.switchToHttp().getRequest<AuthedRequest>().apiKey;
  if (!key) throw new Error('CurrentKey used on a route without RequireRole');
  return key;
});
