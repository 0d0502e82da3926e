import { Body, Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiBadRequest, ApiProblems } from '../common/api-docs';
import { NoQueryParams } from '../common/query/no-params.query';
import { LINK_TYPES } from './link.entity';
import { CatalogWritesService } from '../common/writes/record-writes.service';
import { CreateLinkDto, UpdateLinkDto } from '../events/dto/event.dto';
import { LinkView, writeHeaders } from '../recommendations/recorded-views';
import { Editor, notFound, type EditorContext } from '../common/writes/write-scope';
import { LinksRepository } from './links.repository';
import { AdminDelete, EditorCreate, EditorPatch } from '../common/http/routes';

const linkParams = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  ApiParam({ name: 'from', description: 'Slug of the recommendation the link goes from.' })(target, key, descriptor);
  ApiParam({ name: 'type', enum: LINK_TYPES })(target, key, descriptor);
  ApiParam({ name: 'to', description: 'Slug of the recommendation it goes to.' })(target, key, descriptor);
};

/** A link is named by its ends and type: /links/{from}/{type}/{to} reads as a sentence. */
@ApiTags('links')
@Controller('api/v1/links')
export class LinksController {
  constructor(
    private readonly writes: CatalogWritesService,
    private readonly links: LinksRepository,
  ) {}

  /** The link as its detail shows it; 404 when there is none. */
  private async view(from: string, type: string, to: string): Promise<LinkView> {
    const link = await this.links.find(from, type, to);
    if (!link) throw notFound(`No link: ${from} ${type} ${to}.`);
    return link;
  }

  @Get(':from/:type/:to')
  @linkParams()
  @ApiOperation({ summary: 'One link between two items, with its version (ETag) for editing' })
  @ApiOkResponse({ type: LinkView })
  @ApiProblems([404, 'No such link.'])
  @ApiBadRequest()
  async detail(
    @Param('from') from: string,
    @Param('type') type: string,
    @Param('to') to: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.view(from, type, to);
    writeHeaders(reply, { version: view.version });
    return view;
  }

  @EditorCreate(
    undefined,
    'Link two items (implements, restates, supersedes, related)',
    { type: LinkView, description: 'The new link; Location and ETag headers.' },
    [409, 'That link exists.'],
  )
  async create(@Body() body: CreateLinkDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('links', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/links/${body.from}/${body.type}/${body.to}`, version: saved.version });
    return this.view(body.from, body.type, body.to);
  }

  @EditorPatch(':from/:type/:to', 'link', "Edit a link's note (If-Match required)", { type: LinkView })
  @linkParams()
  async update(
    @Param('from') from: string,
    @Param('type') type: string,
    @Param('to') to: string,
    @Body() body: UpdateLinkDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const saved = await this.writes.update('links', { from, type, to }, { ...body }, ifMatch, editor);
    writeHeaders(reply, { version: saved.version });
    return this.view(from, type, to);
  }

  @AdminDelete(':from/:type/:to', 'Delete a link (admin)', true, [404, 'No such link.'], [412, 'If-Match is stale.'])
  @linkParams()
  async remove(
    @Param('from') from: string,
    @Param('type') type: string,
    @Param('to') to: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
  ) {
    await this.writes.remove('links', { from, type, to }, ifMatch, editor);
  }
}
