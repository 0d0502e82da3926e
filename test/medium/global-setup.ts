/** Migrates the template database once per run; every medium test file starts from a copy of it. */
import { prepareTemplate } from '../support/test-database';

export default async function globalSetup(): Promise<void> {
  const template = await prepareTemplate();
  // Set before the workers start, so they inherit it.
  Object.assign(process.env, template.env);
  (globalThis as { trackerTemplate?: typeof template }).trackerTemplate = template;
}
