/**
 * The write handlers the editable resources share (sources, actors, recommendations, events,
 * links): an editor's POST, an editor's PATCH with If-Match, an admin's DELETE, all through
 * CatalogWritesService, documented from EDITOR_RESOURCE_DOCS. A resource controller extends
 * `EditorResource(kind, view, createBody, updateBody)` and says how it shows one entity; its GET
 * handlers stay its own.
 */
import { Body, createParamDecorator, ExecutionContext, Headers, Inject, Res, type Type } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { writeHeaders } from '../../recommendations/recorded-views';
import { AdminDelete, EditorCreate, EditorPatch } from '../http/routes';
import { CatalogWritesService } from './record-writes.service';
import { EDITOR_RESOURCE_DOCS } from './write-docs';
import { Editor, type EditorContext } from './write-scope';

/** An entity's key: its path parameters by name. */
export type ResourceKey = Record<string, string>;

/** The entity's key from the route's path parameters `names`. */
const RouteKey = createParamDecorator((names: string[], context: ExecutionContext): ResourceKey => {
  const params = context.switchToHttp().getRequest<FastifyRequest<{ Params: ResourceKey }>>().params;
  return Object.fromEntries(names.map((name) => [name, params[name]]));
});

/** OpenAPI for the path parameters that name one entity of `kind`. */
export const ApiResourceKey =
  (kind: keyof typeof EDITOR_RESOURCE_DOCS): MethodDecorator =>
  (target, property, descriptor) => {
    for (const param of EDITOR_RESOURCE_DOCS[kind].key) ApiParam({ type: String, ...param })(target, property, descriptor);
  };

export function EditorResource(kind: keyof typeof EDITOR_RESOURCE_DOCS, view: Type<unknown>, createBody: Type, updateBody: Type) {
  const docs = EDITOR_RESOURCE_DOCS[kind];
  const names = docs.key.map((p) => p.name);
  const path = names.map((name) => `:${name}`).join('/');
  const keyOf = (body: object): ResourceKey =>
    Object.fromEntries(names.map((name) => [name, String((body as ResourceKey)[name])]));

  abstract class EditorResourceController {
    @Inject(CatalogWritesService) private readonly writes!: CatalogWritesService;

    /** One entity as its GET shows it (404 when there is none): what a create or an edit answers. */
    protected abstract show(key: ResourceKey): Promise<unknown>;

    @EditorCreate(undefined, docs.create.summary, { type: view, description: docs.create.description }, ...docs.create.problems)
    async create(@Body() body: object, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
      const saved = await this.writes.create(kind, { ...body }, editor);
      const key = keyOf(body);
      writeHeaders(reply, { location: `/api/v1/${kind}/${names.map((n) => key[n]).join('/')}`, version: saved.version });
      return this.show(key);
    }

    @EditorPatch(path, docs.what, docs.update.summary, { type: view, description: docs.update.description })
    @ApiResourceKey(kind)
    async update(
      @RouteKey(names) key: ResourceKey,
      @Body() body: object,
      @Headers('if-match') ifMatch: string | undefined,
      @Editor() editor: EditorContext,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const saved = await this.writes.update(kind, key, { ...body }, ifMatch, editor);
      writeHeaders(reply, { version: saved.version });
      return this.show(key);
    }

    @AdminDelete(path, docs.remove.summary, true, ...docs.remove.problems)
    @ApiResourceKey(kind)
    async remove(
      @RouteKey(names) key: ResourceKey,
      @Headers('if-match') ifMatch: string | undefined,
      @Editor() editor: EditorContext,
    ) {
      await this.writes.remove(kind, key, ifMatch, editor);
    }
  }
  // The bodies' classes where TypeScript would have recorded them for a concrete controller: the
  // global validation pipe and the OpenAPI request bodies read them from here.
  const proto = EditorResourceController.prototype;
  Reflect.defineMetadata('design:paramtypes', [createBody, Object, Object], proto, 'create');
  Reflect.defineMetadata('design:paramtypes', [Object, updateBody, Object, Object, Object], proto, 'update');
  return EditorResourceController;
}
