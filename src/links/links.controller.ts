import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBadRequest, ApiProblems } from '../common/api-docs';
import { NoQueryParams } from '../common/query/no-params.query';
import { CreateLinkDto, UpdateLinkDto } from '../events/dto/event.dto';
import { LinkView } from '../recommendations/recorded-views';
import { notFound } from '../common/writes/write-scope';
import { SendsVersion } from '../common/http/routes';
import { ApiResourceKey, EditorResource } from '../common/writes/editor-resource';
import { LinksRepository } from './links.repository';

/** A link is named by its ends and type: /links/{from}/{type}/{to} reads as a sentence. */
@ApiTags('links')
@Controller('api/v1/links')
export class LinksController extends EditorResource('links', LinkView, CreateLinkDto, UpdateLinkDto) {
  constructor(private readonly links: LinksRepository) {
    super();
  }

  protected show({ from, type, to }: { from: string; type: string; to: string }): Promise<LinkView> {
    return this.view(from, type, to);
  }

  /** The link as its detail shows it; 404 when there is none. */
  private async view(from: string, type: string, to: string): Promise<LinkView> {
    const link = await this.links.find(from, type, to);
    if (!link) throw notFound(`No link: ${from} ${type} ${to}.`);
    return link;
  }

  @Get(':from/:type/:to')
  @ApiResourceKey('links')
  @ApiOperation({ summary: 'One link between two items, with its version (ETag) for editing' })
  @ApiOkResponse({ type: LinkView })
  @ApiProblems([404, 'No such link.'])
  @ApiBadRequest()
  @SendsVersion()
  detail(@Param('from') from: string, @Param('type') type: string, @Param('to') to: string, @Query() _q: NoQueryParams) {
    return this.view(from, type, to);
  }
}
