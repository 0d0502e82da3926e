/**
 * Errors on HTML pages are HTML pages: an unknown slug is a 404 page, a bad parameter a 400 page that
 * says which and why, anything else a 500 page without internals (and a log line). The JSON API keeps
 * its problem+json answers; this filter applies only where a controller asks for it with
 * @UseFilters(DashboardExceptionFilter).
 */
import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemFor } from '../common/problem/problem-details.filter';
import { PageRenderer } from '../presentation/renderer';
import { setHtmlHeaders } from './html-page';
import { DASHBOARD_VIEWS } from './views';

const TITLES: Record<number, string> = {
  400: 'That request did not make sense',
  404: 'Page not found',
  500: 'Something went wrong',
};

@Catch()
@Injectable()
export class DashboardExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  constructor(private readonly renderer: PageRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem = problemFor(error);
    if (problem.status >= 500) {
      this.logger.error(`${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (reply.sent) return;
    const status = problem.status;
    let html: string;
    try {
      html = this.renderer.render(
        'error',
        {
          title: TITLES[status] ?? problem.title,
          status,
          // Our own messages ("No recommendation with slug …") are safe to show; internals never are.
          detail: status < 500 ? (problem.detail ?? null) : null,
          errors: status < 500 ? (problem.errors ?? []) : [],
          path: request.url.split('?')[0],
        },
        { views: DASHBOARD_VIEWS },
      );
    } catch (renderError) {
      this.logger.error(`Rendering the error page failed: ${(renderError as Error)?.stack ?? String(renderError)}`);
      html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>Error ${status}</h1></body></html>`;
    }
    setHtmlHeaders(reply);
    reply.status(status).send(html);
  }
}
