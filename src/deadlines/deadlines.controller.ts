import { applyDecorators, Controller, Query, Body, Headers, HttpCode, Param, Post, Res, type Type } from '@nestjs/common';
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

type SettleAction = Exclude<DeadlineAction, 'extend'>;
type SettleBody = MeetDeadlineDto | SettleDeadlineDto | ExtendDeadlineDto | FulfilDeadlineDto;
/** A settle handler's arguments, in the order its parameter decorators name them. */
type SettleArgs = [id: string, body: SettleBody, ifMatch: string | undefined, editor: EditorContext, reply: FastifyReply];

/**
 * The routes that settle an open deadline, one handler each (the method names are the OpenAPI
 * operation ids): the action, the body it takes and what it does. They differ in nothing else;
 * `SettleRoutes()` writes them onto DeadlinesController.
 */
const SETTLE_ROUTES: Array<[method: string, action: SettleAction, body: Type, summary: string]> = [
  ['met', 'met', MeetDeadlineDto, 'Mark an open deadline met, on a date, with evidence'],
  [
    'partlyMet',
    'partly-met',
    MeetDeadlineDto,
    'Mark an open deadline partly met: some of what was promised was done by the close (the note says what)',
  ],
  [
    'unknown',
    'unknown',
    SettleDeadlineDto,
    'Record that nobody has established the outcome of a deadline whose close has passed: it is then never shown as overdue',
  ],
  [
    'fulfilled',
    'fulfilled',
    FulfilDeadlineDto,
    'Record when a missed deadline was done after all: it then reads "missed; done N days late" and stops counting',
  ],
  ['missed', 'missed', SettleDeadlineDto, 'Mark an open deadline missed (evidence optional; send {} at least)'],
  ['withdraw', 'withdraw', SettleDeadlineDto, 'Mark an open deadline withdrawn by whoever set it, with evidence'],
];

const DeadlineParam = () => ApiParam({ name: 'id', description: 'The deadline id (or its slug).', example: 12 });
const SettleProblems = () =>
  ApiProblems([404, 'No deadline with that id or slug.'], [409, 'The deadline is not open.'], [412, 'If-Match is stale.']);
/** A route that settles an open deadline (`action`): 200 with the deadline as recorded. */
const SettleRoute = (action: SettleAction, summary: string) =>
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

/**
 * Writes each settle route onto the controller as the handler one would spell out: the deadline's id,
 * the body (its class where TypeScript would record it, for the validation pipe and the OpenAPI body),
 * If-Match, the editor and the reply, passed to `settleAs` with the route's action.
 */
const SettleRoutes = (): ClassDecorator => (controller) => {
  const proto = controller.prototype as Record<string, unknown>;
  for (const [method, action, body, summary] of SETTLE_ROUTES) {
    // A method of that name (OpenAPI's operation id and Nest's metadata look-ups go by the name).
    proto[method] = {
      [method](this: { settleAs(action: DeadlineAction, ...args: SettleArgs): unknown }, ...args: SettleArgs) {
        return this.settleAs(action, ...args);
      },
    }[method];
    Param('id')(proto, method, 0);
    Body()(proto, method, 1);
    Headers('if-match')(proto, method, 2);
    Editor()(proto, method, 3);
    Res({ passthrough: true })(proto, method, 4);
    Reflect.defineMetadata('design:paramtypes', [String, body, Object, Object, Object], proto, method);
    SettleRoute(action, summary)(proto, method, Object.getOwnPropertyDescriptor(proto, method)!);
  }
};

@ApiTags('deadlines')
@Controller('api/v1')
@SettleRoutes()
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
  /** What every settle route does (and extend, which also answers where the item is). */
  async settleAs(action: DeadlineAction, ...[id, body, ifMatch, editor, reply]: SettleArgs): Promise<RecordedDeadlineView> {
    const result = await this.commands.settle(id, action, body, ifMatch, editor);
    const view = await this.views.deadline(result.id);
    writeHeaders(reply, {
      version: view.version,
      location: action === 'extend' ? `/api/v1/recommendations/${view.recommendation.slug}` : undefined,
    });
    return view;
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
    return this.settleAs('extend', id, body, ifMatch, editor, reply);
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
