/** SQLite FTS5 helpers (the recommendation search uses an FTS5 table with the trigram tokenizer). */

/** Escapes a user's text as one FTS5 phrase (trigram tokenizer: substring match, case-insensitive). */
export function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}
