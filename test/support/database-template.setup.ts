/** Migrates the template database once per run; every medium and e2e test file starts from a copy of it. */
import { existsSync } from 'node:fs';
import { prepareTemplate, TEMPLATE_VARIABLE } from './test-database';

export default async function globalSetup(): Promise<void> {
  // Both tiers name this setup: when they run together, the first one's template serves both.
  const existing = process.env[TEMPLATE_VARIABLE];
  if (existing && existsSync(existing)) return;
  const template = await prepareTemplate();
  // Set before the workers start, so they inherit it.
  Object.assign(process.env, template.env);
  (globalThis as { trackerTemplate?: typeof template }).trackerTemplate = template;
}
