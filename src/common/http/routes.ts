/**
 * The decorator stacks the resource controllers share, each a route with its guard and its
 * OpenAPI description: a public read, an editor's create or edit, an admin's delete. A controller
 * method then names what differs (path, summary, response, the problems of its own).
 */
import {
  applyDecorators,
  type CallHandler,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  type NestInterceptor,
  Patch,
  Post,
  type Type,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tap } from 'rxjs';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  type ApiOperationOptions,
  type ApiResponseOptions,
} from '@nestjs/swagger';
import { RequireRole } from '../../auth/api-key.guard';
import { etagFor } from './etag';
import type { ApiKeyRole } from '../../auth/api-key.entity';
import { ApiBadRequest, ApiNotFound, ApiProblems } from '../api-docs';
import { ApiPatchProblems, IfMatchHeader } from '../writes/write-docs';

type Operation = string | ApiOperationOptions;
type Problem = [number, string];

const operation = (op: Operation) => ApiOperation(typeof op === 'string' ? { summary: op } : op);

/** A public GET answering `type`, with the 400 of a bad query and, when `notFound` names the thing, its 404. */
export const PublicRead = (path: string | undefined, op: Operation, type: Type<unknown>, notFound?: string) =>
  applyDecorators(
    Get(path),
    operation(op),
    ApiOkResponse({ type }),
    ...(notFound === undefined ? [] : [ApiNotFound(notFound)]),
    ApiBadRequest(),
  );

const create =
  (role: ApiKeyRole) =>
  (path: string | undefined, op: Operation, response: ApiResponseOptions, ...problems: Problem[]) =>
    applyDecorators(
      Post(path),
      RequireRole(role),
      operation(op),
      ApiCreatedResponse(response),
      ApiBadRequest(),
      ApiProblems(...problems),
    );

/** An editor's POST that creates something (201 with `response`), with the problems it can answer. */
export const EditorCreate = create('editor');

/** The same for an admin. */
export const AdminCreate = create('admin');

/** On success, Location: the item (recommendation) the route's `:slug` names. */
class ItemLocation implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const http = context.switchToHttp();
    const slug = http.getRequest<FastifyRequest<{ Params: { slug: string } }>>().params.slug;
    return next.handle().pipe(tap(() => http.getResponse<FastifyReply>().header('Location', `/api/v1/recommendations/${slug}`)));
  }
}

/**
 * An editor's POST that appends a record (status change, review, finding, deadline) to the item its
 * `:slug` names: 201 with `response` and Location: the item; 404 for an unknown item, 409 `conflict`.
 */
export const ItemAppend = (path: string, op: Operation, response: ApiResponseOptions, conflict: string) =>
  applyDecorators(
    EditorCreate(path, op, response, [404, 'No item with that slug.'], [409, conflict]),
    UseInterceptors(new ItemLocation()),
  );

/** On success, ETag: the version of the entity the handler answers (what an editor sends back in If-Match). */
class VersionETag implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((answer: { version?: number | null }) => {
        if (answer.version !== undefined && answer.version !== null) reply.header('ETag', etagFor(answer.version));
      }),
    );
  }
}

/** A GET of one editable entity: its answer's `version` goes out as the ETag. */
export const SendsVersion = () => UseInterceptors(new VersionETag());

/** An admin's GET answering `type`, with the 400 of a bad query. */
export const AdminRead = (path: string | undefined, op: Operation, type: Type<unknown>) =>
  applyDecorators(Get(path), RequireRole('admin'), operation(op), ApiOkResponse({ type }), ApiBadRequest());

/** An admin's POST that acts on what exists (200 with `type`), with the 400 of a bad body and the problems it can answer. */
export const AdminAction = (path: string, op: Operation, type: Type<unknown>, ...problems: Problem[]) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    RequireRole('admin'),
    operation(op),
    ApiOkResponse({ type }),
    ApiBadRequest(),
    ...(problems.length === 0 ? [] : [ApiProblems(...problems)]),
  );

/** An editor's PATCH of `what`: If-Match required, 200 with `response`, and the 404/412/428 every edit can give. */
export const EditorPatch = (path: string, what: string, op: Operation, response: ApiResponseOptions) =>
  applyDecorators(
    Patch(path),
    RequireRole('editor'),
    operation(op),
    IfMatchHeader(true),
    ApiOkResponse(response),
    ApiBadRequest(),
    ApiPatchProblems(what),
  );

/** An admin's DELETE (204), optionally guarded by If-Match, with the problems it can answer. */
export const AdminDelete = (path: string, op: Operation, ifMatch: boolean, ...problems: Problem[]) =>
  applyDecorators(
    Delete(path),
    HttpCode(204),
    RequireRole('admin'),
    operation(op),
    ...(ifMatch ? [IfMatchHeader(false)] : []),
    ApiNoContentResponse({ description: 'Deleted.' }),
    ApiProblems(...problems),
  );
