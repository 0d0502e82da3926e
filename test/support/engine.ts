/** Which database the tests run on: PostgreSQL under `npm run test:postgres` (DATABASE_URL set), else SQLite. */
export const onPostgres = Boolean(process.env.DATABASE_URL);
