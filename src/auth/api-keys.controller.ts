/**
 * The admin HTTP API for keys, beside the CLI: list them (never the secrets), create one (the key
 * is in the answer once, and only then), revoke one. Each change is audited in its transaction.
 */
import { Body, Controller, HttpStatus, Param, Query, Req, Res } from '@nestjs/common';
import { NullableString } from '../common/api-docs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { ProblemException } from '../common/problem/problem';
import { NoQueryParams } from '../common/query/no-params.query';
import { Transactions } from '../database/transactions';
import { API_KEY_ROLES, ApiKey } from './api-key.entity';
import type { ApiKeyRole } from './api-key.entity';
import { CurrentKey } from './api-key.guard';
import { ApiKeyError, ApiKeysService, type AuthenticatedKey } from './api-keys.service';
import { AdminAction, AdminCreate, AdminRead } from '../common/http/routes';

export class CreateApiKeyDto {
  @ApiProperty({
    example: 'alice',
    description: '1-120 letters, digits, dots, dashes, underscores or @, starting with a letter or digit.',
  })
  @IsString({ message: 'name must be a string' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$/, {
    message: 'name must be 1-120 letters, digits, dots, dashes, underscores or @, starting with a letter or digit',
  })
  name: string;

  @ApiProperty({ enum: API_KEY_ROLES })
  @IsIn(API_KEY_ROLES, { message: `role must be one of: ${API_KEY_ROLES.join(', ')}` })
  role: ApiKeyRole;
}

export class ApiKeyView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_KEY_ROLES }) role: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it.', example: 'rt_Xy12abc' }) keyPrefix: string;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @NullableString() revokedAt: string | null;
  @NullableString() lastUsedAt: string | null;
}

export class ApiKeyListView {
  @ApiProperty({ type: [ApiKeyView] }) items: ApiKeyView[];
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself. Shown this once: only its hash is stored.', example: 'rt_…' }) key: string;
}

const view = (k: ApiKey): ApiKeyView => ({
  name: k.name,
  role: k.role,
  keyPrefix: k.keyPrefix,
  active: k.revokedAt === null,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

@ApiTags('keys')
@Controller('api/v1/keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  @AdminRead(undefined, 'List API keys: names, roles, status (never the keys) (admin)', ApiKeyListView)
  async list(@Query() _q: NoQueryParams): Promise<ApiKeyListView> {
    return { items: (await this.keys.list()).map(view) };
  }

  @AdminCreate(undefined, 'Create an API key; the answer carries the key, once (admin)', { type: CreatedApiKeyView }, [
    409,
    'A key with this name exists.',
  ])
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentKey() actor: AuthenticatedKey,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedApiKeyView> {
    const created = await this.transactions.run(async (em) => {
      let result;
      try {
        result = await this.keys.create(body.name, body.role, em);
      } catch (error) {
        if (error instanceof ApiKeyError) {
          throw new ProblemException({
            type: 'about:blank',
            title: 'Conflict',
            status: HttpStatus.CONFLICT,
            detail: error.message,
          });
        }
        throw error;
      }
      await this.audit.record(em, {
        keyName: actor.name,
        action: 'create',
        entity: 'api_key',
        entityId: result.apiKey.id,
        entitySlug: result.apiKey.name,
        before: null,
        after: view(result.apiKey),
        requestId: String(request.id),
      });
      return result;
    });
    reply.header('Cache-Control', 'no-store');
    return { ...view(created.apiKey), key: created.key };
  }

  @AdminAction(':name/revoke', 'Revoke an API key: it stops working at once (admin)', ApiKeyView, [404, 'No key with that name.'])
  async revoke(
    @Param('name') name: string,
    @CurrentKey() actor: AuthenticatedKey,
    @Req() request: FastifyRequest,
  ): Promise<ApiKeyView> {
    return this.transactions.run(async (em) => {
      const existing = await em.getRepository(ApiKey).findOneBy({ name });
      if (!existing)
        throw new ProblemException({
          type: 'about:blank',
          title: 'Not Found',
          status: HttpStatus.NOT_FOUND,
          detail: `No key named "${name}".`,
        });
      if (existing.revokedAt) return view(existing);
      const before = view(existing);
      const revoked = await this.keys.revoke(name, em);
      await this.audit.record(em, {
        keyName: actor.name,
        action: 'revoke',
        entity: 'api_key',
        entityId: revoked.id,
        entitySlug: revoked.name,
        before,
        after: view(revoked),
        requestId: String(request.id),
      });
      return view(revoked);
    });
  }
}
