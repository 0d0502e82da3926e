/** Removes the template database the global setup made. */
export default async function globalTeardown(): Promise<void> {
  (globalThis as { trackerTemplate?: { dispose(): void } }).trackerTemplate?.dispose();
}
