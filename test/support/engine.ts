/**
 * Which database the tests run on, for the few tests that cannot run on both yet. Under
 * `npm run test:postgres` (DATABASE_URL set) the notification routes (subscriptions, their pages and
 * the outbox) answer 500: their repositories still use SQLite's synchronous statements, and issue 11
 * ports them next. Tests of those routes say so with `itWithNotifications`, and lists of routes drop
 * them with `withoutNotificationRoutes`, so the rest of each file still runs on PostgreSQL.
 */
export const onPostgres = Boolean(process.env.DATABASE_URL);

/** `it`, skipped on PostgreSQL until the notification repositories are ported (see above). */
export const itWithNotifications: jest.It = onPostgres ? it.skip : it;

const NOTIFICATION_ROUTE = /^\/(api\/v1\/subscriptions|subscribe|subscriptions)(\/|\?|$)/;

/** The routes of a list, without the notification routes on PostgreSQL (see above). */
export function withoutNotificationRoutes<T>(routes: T[], urlOf: (route: T) => string): T[] {
  return onPostgres ? routes.filter((r) => !NOTIFICATION_ROUTE.test(urlOf(r))) : routes;
}
