/**
 * What the HTTP layer needs for bulk imports, registered by app.factory before routes exist:
 * a text/csv body parser, and the import route's own body limit (IMPORT_MAX_BYTES, 413 beyond it)
 * in place of the 1 MB every other route keeps.
 */
import type { FastifyInstance } from 'fastify';
import type { Environment } from '../config/environment';

/** Route config marking a route that takes bulk uploads (see @RouteConfig on the import route). */
export const BULK_UPLOAD = { bulkUpload: true };

export function registerImportBodies(fastify: FastifyInstance, env: Environment): void {
  fastify.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { bulkUpload?: boolean } | undefined)?.bulkUpload) route.bodyLimit = env.IMPORT_MAX_BYTES;
  });
}
