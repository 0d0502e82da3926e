/**
 * What makes a route an HTML page: the content type, no caching of data that changes, and a stricter
 * Content-Security-Policy than the app-wide one. The app's policy (helmet, in app.factory.ts) still
 * allows inline styles for the API docs UI; dashboard pages use only /assets/dashboard.css, so their
 * style-src is 'self' alone, and like every response they allow no inline script.
 */
import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { ApiExcludeController } from '@nestjs/swagger';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** The app's policy with style-src narrowed to 'self' (the dashboard has no inline styles). */
export function strictPagePolicy(current: string | undefined): string {
  const base =
    current && current.trim() !== ''
      ? current
      : "default-src 'self';script-src 'self';img-src 'self' data:;object-src 'none';frame-ancestors 'none';base-uri 'self';form-action 'self'";
  const directives = base
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^style-src(\s|$)/i.test(d));
  return [...directives, "style-src 'self'"].join(';');
}

/** Sets the HTML headers on a reply; for exception filters and anything outside a @HtmlPages controller. */
export function setHtmlHeaders(reply: FastifyReply): void {
  const current = reply.getHeader('content-security-policy') ?? reply.raw.getHeader('content-security-policy');
  reply.header('Content-Type', HTML_CONTENT_TYPE);
  reply.header('Cache-Control', 'no-cache');
  reply.header('Content-Security-Policy', strictPagePolicy(typeof current === 'string' ? current : undefined));
}

@Injectable()
export class HtmlPageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    setHtmlHeaders(context.switchToHttp().getResponse<FastifyReply>());
    return next.handle();
  }
}

/**
 * Marks a controller as serving HTML pages: the headers above, and kept out of the OpenAPI document,
 * which describes the JSON API only.
 */
export function HtmlPages(): ClassDecorator {
  return applyDecorators(ApiExcludeController(), UseInterceptors(HtmlPageInterceptor));
}
