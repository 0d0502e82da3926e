/**
 * The HTML side of subscriptions: the public subscribe form, the links in emails (confirm,
 * unsubscribe with RFC 8058 one-click POST, manage). Tokens travel in the query string, so pages are
 * never cached and the app's Referrer-Policy (no-referrer) keeps them from leaking.
 */
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemException } from '../common/problem/problem';
import { HtmlPages } from '../dashboard/html-page';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';
import { parseSubscriptionForm, FormError } from './pages/subscription-form';
import {
  checkEmailPage,
  confirmPage,
  FOLLOWED_BY_NAME,
  NameOf,
  confirmPromptPage,
  invalidLinkPage,
  managePage,
  Page,
  restoredPage,
  subscribePage,
  SubscriptionPageRenderer,
  unsubscribedPage,
  unsubscribePage,
} from './pages/subscription-pages';
import { SubscribeInput, SubscriptionsService } from './subscriptions.service';
import type { SubscriptionFilter } from './subscription-rules';
import { OutsideSubscriptionLimits, SubscriptionRateLimit } from '../common/http/rate-limits';

type FormBody = Record<string, unknown> | undefined;

@SubscriptionRateLimit()
@Controller()
@HtmlPages()
export class SubscriptionPagesController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly pages: SubscriptionPageRenderer,
  ) {}

  private send(reply: FastifyReply, page: Page): string {
    reply.status(page.status).header('Cache-Control', 'no-store');
    return this.pages.render(page);
  }

  private async recommendation(slug: unknown): Promise<{ slug: string; title: string } | null> {
    if (typeof slug !== 'string') return null;
    const title = await this.subscriptionRows.recommendationTitle(slug);
    return title === undefined ? null : { slug, title };
  }

  @Get('subscribe')
  async form(@Query('recommendation') slug: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.send(
      reply,
      subscribePage({
        values: {},
        errors: [],
        recommendation: await this.recommendation(slug),
        topics: await this.subscriptionRows.topics(),
      }),
    );
  }

  @Post('subscribe')
  @HttpCode(200)
  async submit(@Body() body: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { input, errors } = parseSubscriptionForm(body, { requireEmail: true });
    if (errors.length === 0) {
      try {
        await this.subscriptions.subscribe(input);
        return this.send(reply, checkEmailPage(input.email));
      } catch (error) {
        errors.push(...formErrors(error));
      }
    }
    return this.send(
      reply,
      subscribePage({
        values: input,
        errors,
        recommendation: await this.recommendation(body?.recommendation),
        topics: await this.subscriptionRows.topics(),
      }),
    );
  }

  /** Shows what the link confirms and a button; confirms nothing (GET and HEAD are fetched by link scanners). */
  @Get('subscriptions/confirm')
  async confirmForm(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const preview = await this.subscriptions.previewConfirmation(token);
    if (preview.outcome === 'ready') return this.send(reply, confirmPromptPage(token as string, preview.subscription));
    return this.send(reply, confirmPage(preview.outcome, null));
  }

  @Post('subscriptions/confirm')
  @HttpCode(200)
  async confirm(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const result = await this.subscriptions.confirm(token);
    const manageUrl = 'manageToken' in result ? `/subscriptions/manage?token=${result.manageToken}` : null;
    return this.send(reply, confirmPage(result.outcome, manageUrl));
  }

  @Get('subscriptions/unsubscribe')
  @OutsideSubscriptionLimits()
  async unsubscribeForm(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const sub = await this.subscriptions.byManageToken(token);
    return this.send(
      reply,
      sub
        ? unsubscribePage(token as string, sub, await this.subscriptionRows.subscriptionCount(sub.emailNormalized))
        : invalidLinkPage(),
    );
  }

  /** RFC 8058 one-click: a POST to the List-Unsubscribe URL (body List-Unsubscribe=One-Click) unsubscribes, nothing else asked. */
  @Post('subscriptions/unsubscribe')
  @OutsideSubscriptionLimits()
  @HttpCode(200)
  async unsubscribe(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const result = await this.subscriptions.unsubscribe(token);
    return this.send(
      reply,
      result.outcome === 'invalid'
        ? invalidLinkPage()
        : unsubscribedPage(result.outcome === 'unsubscribed', {
            email: result.subscription.email,
            others: result.others,
            token: token as string,
          }),
    );
  }

  /** After a one-click unsubscribe stopped every subscription of the address: keep the others after all. */
  @Post('subscriptions/restore')
  @HttpCode(200)
  async restore(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const restored = await this.subscriptions.restoreOthers(token);
    return this.send(reply, restored === undefined ? invalidLinkPage() : restoredPage(restored));
  }

  /** The titles and names of what a filter follows, for the manage page. */
  private async names(filter: Partial<SubscriptionFilter> | undefined): Promise<NameOf> {
    const table = { recommendations: 'recommendation', responsible: 'actor', sources: 'source' } as const;
    const maps = new Map(
      await Promise.all(
        FOLLOWED_BY_NAME.map(
          async (kind) => [kind, await this.subscriptionRows.namesOf(table[kind], filter?.[kind] ?? [])] as const,
        ),
      ),
    );
    return (kind, slug) => maps.get(kind)?.get(slug);
  }

  @Get('subscriptions/manage')
  async manage(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const sub = await this.subscriptions.byManageToken(token);
    if (!sub) return this.send(reply, invalidLinkPage());
    if (sub.state === 'unsubscribed') return this.send(reply, unsubscribedPage(false));
    return this.send(reply, await this.managePage(token as string, sub, { errors: [], saved: false }));
  }

  @Post('subscriptions/manage')
  @HttpCode(200)
  async save(
    @Query('token') token: unknown,
    @Body() body: FormBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const sub = await this.subscriptions.byManageToken(token);
    if (!sub) return this.send(reply, invalidLinkPage());
    if (sub.state === 'unsubscribed') return this.send(reply, unsubscribedPage(false));
    const { input, errors } = parseSubscriptionForm(body, { requireEmail: false });
    if (errors.length === 0) {
      try {
        const updated = await this.subscriptions.updateSettings(token, input);
        if (updated) return this.send(reply, await this.managePage(token as string, updated, { errors: [], saved: true }));
      } catch (error) {
        errors.push(...formErrors(error));
      }
    }
    return this.send(reply, await this.managePage(token as string, sub, { errors, saved: false, values: input }));
  }

  /** The manage page of `sub`, with its topics and the names of what is followed (the form's values when given). */
  private async managePage(
    token: string,
    sub: SubscriptionRow,
    state: { errors: FormError[]; saved: boolean; values?: Partial<SubscribeInput> },
  ): Promise<Page> {
    return managePage({
      token,
      sub,
      topics: await this.subscriptionRows.topics(),
      ...state,
      nameOf: await this.names((state.values ?? sub).filter),
    });
  }
}

/** A validation problem from the service ("no topic has the slug …") as form errors; anything else is rethrown. */
function formErrors(error: unknown): FormError[] {
  if (error instanceof ProblemException && error.problem.errors) {
    return error.problem.errors.map((e) => ({ field: e.field.replace(/^filter\./, ''), reason: e.reason }));
  }
  throw error;
}
