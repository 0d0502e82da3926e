import { Controller, Param, Body } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateFindingDto } from './dto/finding.dto';
import { EditingViews, RecordedFindingView } from '../recommendations/recorded-views';
import { FindingWritesService } from './findings.service';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { ItemAppend } from '../common/http/routes';

/** Monitor findings: recorded per reporting period; read through their recommendation. */
@ApiTags('findings')
@Controller('api/v1')
export class FindingsController {
  constructor(
    private readonly findings: FindingWritesService,
    private readonly views: EditingViews,
  ) {}

  @ItemAppend(
    'recommendations/:slug/findings',
    "Record a monitor's finding for one reporting period",
    { type: RecordedFindingView },
    'The slug is taken.',
  )
  async createFinding(@Param('slug') slug: string, @Body() body: CreateFindingDto, @Editor() editor: EditorContext) {
    return this.views.finding((await this.findings.create(slug, body, editor)).id);
  }
}
