import { applyDecorators, Controller, Query, Body, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiCreatedResponse, ApiParam } from '@nestjs/swagger';
import { ApiBadRequest, ApiProblems, NullableString } from '../common/api-docs';
import { DeadlineView } from './deadline-view';
import { DeadlinePage, DeadlinesService } from './deadlines.service';
import { ListDeadlinesQuery } from './dto/list-deadlines.query';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/api-key.guard';
import { IfMatchHeader } from '../common/writes/write-docs';
import { DeadlineAction, DeadlineWritesService } from './deadline-commands.service';
import { CreateDeadlineDto, ExtendDeadlineDto, FulfilDeadlineDto, MeetDeadlineDto, SettleDeadlineDto } from './dto/deadline.dto';
import { EditingViews, RecordedDeadlineView, writeHeaders } from '../recommendations/recorded-views';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { ItemAppend, PublicRead } from '../common/http/routes';
class DeadlinePageDoc implements DeadlinePage {
  @ApiProperty({ type: [DeadlineView] }) items: DeadlineView[];
  @NullableString() nextCursor: string | null;
}

const DeadlineParam = () => ApiParam({ name: 'id', description: 'The deadline id (or its slug).', example: 12 });
const SettleProblems = () =>
  ApiProblems([404, 'No deadline with that id or slug.'], [409, 'The deadline is not open.'], [412, 'If-Match is stale.']);
/** A route that settles an open deadline (`action`): 200 with the deadline as recorded. */
const SettleRoute = (action: Exclude<DeadlineAction, 'extend'>, summary: string) =>
  applyDecorators(
    Post(`deadlines/:id/${action}`),
    HttpCode(200),
    RequireRole('editor'),
    DeadlineParam(),
    IfMatchHeader(false),
    ApiOperation({ summary }),
    ApiOkResponse({ type: RecordedDeadlineView }),
    ApiBadRequest(),
    SettleProblems(),
  );

@ApiTags('deadlines')
@Controller('api/v1')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly commands: DeadlineWritesService,
    private readonly views: EditingViews,
  ) {}

  @PublicRead('deadlines', 'Deadlines, sorted by when they close', DeadlinePageDoc)
  list(@Query() query: ListDeadlinesQuery): Promise<DeadlinePage> {
    return this.deadlines.list(query);
  }
  private async settle(
    id: string,
    action: DeadlineAction,
    body: MeetDeadlineDto | SettleDeadlineDto | ExtendDeadlineDto | FulfilDeadlineDto,
    ifMatch: string | undefined,
    editor: EditorContext,
    reply: FastifyReply,
  ): Promise<RecordedDeadlineView> {
    const result = await this.commands.settle(id, action, body, ifMatch, editor);
    const view = await this.views.deadline(result.id);
    writeHeaders(reply, {
      version: view.version,
      location: action === 'extend' ? `/api/v1/recommendations/${view.recommendation.slug}` : undefined,
    });
    return view;
  }

  @SettleRoute('met', 'Mark an open deadline met, on a date, with evidence')
  met(
    @Param('id') id: string,
    @Body() body: MeetDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'met', body, ifMatch, editor, reply);
  }

  @SettleRoute(
    'partly-met',
    'Mark an open deadline partly met: some of what was promised was done by the close (the note says what)',
  )
  partlyMet(
    @Param('id') id: string,
    @Body() body: MeetDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'partly-met', body, ifMatch, editor, reply);
  }

  @SettleRoute(
    'unknown',
    'Record that nobody has established the outcome of a deadline whose close has passed: it is then never shown as overdue',
  )
  unknown(
    @Param('id') id: string,
    @Body() body: SettleDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'unknown', body, ifMatch, editor, reply);
  }

  @SettleRoute(
    'fulfilled',
    'Record when a missed deadline was done after all: it then reads "missed; done N days late" and stops counting',
  )
  fulfilled(
    @Param('id') id: string,
    @Body() body: FulfilDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'fulfilled', body, ifMatch, editor, reply);
  }

  @SettleRoute('missed', 'Mark an open deadline missed (evidence optional; send {} at least)')
  missed(
    @Param('id') id: string,
    @Body() body: SettleDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'missed', body, ifMatch, editor, reply);
  }

  @SettleRoute('withdraw', 'Mark an open deadline withdrawn by whoever set it, with evidence')
  withdraw(
    @Param('id') id: string,
    @Body() body: SettleDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'withdraw', body, ifMatch, editor, reply);
  }

  @Post('deadlines/:id/extend')
  @RequireRole('editor')
  @DeadlineParam()
  @IfMatchHeader(false)
  @ApiOperation({
    summary: 'Extend an open deadline: creates the new deadline and marks this one extended, linked to it; both stay',
  })
  @ApiCreatedResponse({ type: RecordedDeadlineView, description: 'The new deadline (its `extends` names the old one).' })
  @ApiBadRequest()
  @SettleProblems()
  extend(
    @Param('id') id: string,
    @Body() body: ExtendDeadlineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.settle(id, 'extend', body, ifMatch, editor, reply);
  }

  @ItemAppend(
    'recommendations/:slug/deadlines',
    'Set a deadline, in its original wording and precision',
    { type: RecordedDeadlineView, description: 'The new deadline; ETag header.' },
    'The slug is taken.',
  )
  async createDeadline(
    @Param('slug') slug: string,
    @Body() body: CreateDeadlineDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedDeadlineView> {
    const { id } = await this.commands.create(slug, body, editor);
    const view = await this.views.deadline(id);
    writeHeaders(reply, { version: view.version });
    return view;
  }
}
