import { join } from 'node:path';

/** The dashboard's page templates (src/dashboard/views, copied to dist/src/dashboard/views by nest build). */
export const DASHBOARD_VIEWS = join(__dirname, 'views');
