import { Controller, Param, Res, Body } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateFindingDto } from './dto/finding.dto';
import { EditingViews, RecordedFindingView, writeHeaders } from '../recommendations/recorded-views';
import { FindingWritesService } from './findings.service';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { EditorCreate } from '../common/http/routes';

/** Monitor findings: recorded per reporting period; read through their recommendation. */
@ApiTags('findings')
@Controller('api/v1')
export class FindingsController {
  constructor(
    private readonly findings: FindingWritesService,
    private readonly views: EditingViews,
  ) {}

  @EditorCreate(
    'recommendations/:slug/findings',
    "Record a monitor's finding for one reporting period",
    { type: RecordedFindingView },
    [404, 'No item with that slug.'],
    [409, 'The slug is taken.'],
  )
  async createFinding(
    @Param('slug') slug: string,
    @Body() body: CreateFindingDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedFindingView> {
    const { id } = await this.findings.create(slug, body, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations/${slug}` });
    return this.views.finding(id);
  }
}
