/**
 * The triggers that keep stat_tally (stats/stat-tally.entity.ts) in step with recommendation,
 * recommendation_topic and deadline, on both engines, and the statements that fill it from scratch.
 * Used by the StatTallies migrations; a migration that rebuilds one of these tables (which drops its
 * triggers on SQLite) recreates them from here, then refills the table.
 *
 * Every change of a counted column subtracts the old row's contributions and adds the new row's, so
 * the counts equal the grouped queries over the tables at every commit whatever the write path.
 * An item's topics are subtracted BEFORE it is deleted: the cascade deletes its topic rows after the
 * item is gone, when their own trigger can no longer see its status (and so skips them).
 */

/** An integer id as the text of a tally's group (the same on both engines). */
const asText = (e: string) => `CAST(${e} AS TEXT)`;

/** Per item: (dimension, group, status, weighted?) as SQL over `r` (the row: `old` or `new`). */
function itemTallies(r: string): Array<[string, string, string, boolean]> {
  return [
    ['status', `''`, `${r}.headline_status`, true],
    ['kind', `${r}.kind`, `''`, false],
    ['source', asText(`${r}.source_id`), `${r}.headline_status`, true],
    ['responsible', `COALESCE(${asText(`${r}.responsible_id`)}, '')`, `''`, false],
    ['reviewed', `COALESCE(${r}.reviewed_on, '')`, `''`, false],
    ['next_close', `COALESCE(${r}.next_close_at, '')`, `''`, false],
  ];
}

/** The columns of recommendation whose change moves a tally. */
const COUNTED = ['headline_status', 'weight', 'kind', 'source_id', 'responsible_id', 'reviewed_on', 'next_close_at'];

/**
 * How an upsert writes a tally row: its columns, the value of the last (`seq`, the change sequence,
 * SQLite only: see stat-tally.entity.ts), and the conflict clause. `sequenced` false is the form of
 * the migrations before StatTallySequence (they ran before the column existed).
 */
interface Upsert {
  columns: string;
  seq: string;
  conflict: string;
}

const ADD = `n = stat_tally.n + excluded.n, w = stat_tally.w + excluded.w`;
const PLAIN: Upsert = {
  columns: 'dimension, grp, status, n, w',
  seq: '',
  conflict: `ON CONFLICT (dimension, grp, status) DO UPDATE SET ${ADD}`,
};
/**
 * The table's version after this write: its version trigger adds one per row written, after the row.
 * A statement that writes several rows (a topic upsert) may give them all its first row's number;
 * every one is still above the version any reader saw before the statement ran, which is what
 * StatsRepository.tallyRows needs.
 */
const SEQUENCED: Upsert = {
  columns: 'dimension, grp, status, n, w, seq',
  seq: `, (SELECT n + 1 FROM table_version WHERE name = 'stat_tally')`,
  conflict: `ON CONFLICT (dimension, grp, status) DO UPDATE SET ${ADD}, seq = excluded.seq`,
};

/** One upsert adding `sign` × the row `r`'s contribution to every item tally. */
function itemStatements(r: string, sign: 1 | -1, u: Upsert = PLAIN): string[] {
  return itemTallies(r).map(
    ([d, g, s, weighted]) =>
      `INSERT INTO stat_tally (${u.columns}) VALUES ('${d}', ${g}, ${s}, ${sign}, ${weighted ? `${sign} * ${r}.weight` : '0'}${u.seq}) ${u.conflict};`,
  );
}

/** Adds `sign` × item `r` to the tally of each of its topics. */
function topicStatement(r: string, sign: 1 | -1, u: Upsert = PLAIN): string {
  return `INSERT INTO stat_tally (${u.columns})
    SELECT 'topic', ${asText('rt.topic_id')}, ${r}.headline_status, ${sign}, ${sign} * ${r}.weight${u.seq}
    FROM recommendation_topic rt WHERE rt.recommendation_id = ${r}.id ${u.conflict};`;
}

/** Adds `sign` × topic link `l` (its item's status and weight), when the item still exists. */
function linkStatement(l: string, sign: 1 | -1, u: Upsert = PLAIN): string {
  return `INSERT INTO stat_tally (${u.columns})
    SELECT 'topic', ${asText(`${l}.topic_id`)}, r.headline_status, ${sign}, ${sign} * r.weight${u.seq}
    FROM recommendation r WHERE r.id = ${l}.recommendation_id ${u.conflict};`;
}

/** Adds `sign` × deadline `d` to the open-deadline tally when it is open. */
function deadlineStatement(d: string, sign: 1 | -1, u: Upsert = PLAIN): string {
  return `INSERT INTO stat_tally (${u.columns})
    SELECT 'deadline_close', ${d}.closes_at, '', ${sign}, 0${u.seq} WHERE ${d}.state = 'open' ${u.conflict};`;
}

/** Fills stat_tally from the tables (the table must be empty). */
export const FILL_STAT_TALLY: string[] = fill();

function fill(): string[] {
  const grouped = (d: string, g: string, s: string, w: string, from: string, group: string) =>
    `INSERT INTO stat_tally (dimension, grp, status, n, w) SELECT '${d}', ${g}, ${s}, COUNT(*), ${w} FROM ${from} GROUP BY ${group}`;
  return [
    grouped('status', `''`, 'headline_status', 'SUM(weight)', 'recommendation', 'headline_status'),
    grouped('kind', 'kind', `''`, '0', 'recommendation', 'kind'),
    grouped('source', asText('source_id'), 'headline_status', 'SUM(weight)', 'recommendation', 'source_id, headline_status'),
    grouped('responsible', `COALESCE(${asText('responsible_id')}, '')`, `''`, '0', 'recommendation', 'responsible_id'),
    grouped('reviewed', `COALESCE(reviewed_on, '')`, `''`, '0', 'recommendation', 'reviewed_on'),
    grouped('next_close', `COALESCE(next_close_at, '')`, `''`, '0', 'recommendation', 'next_close_at'),
    grouped(
      'topic',
      asText('rt.topic_id'),
      'r.headline_status',
      'SUM(r.weight)',
      'recommendation_topic rt JOIN recommendation r ON r.id = rt.recommendation_id',
      'rt.topic_id, r.headline_status',
    ),
    grouped('deadline_close', 'closes_at', `''`, '0', `deadline WHERE state = 'open'`, 'closes_at'),
  ];
}

export const SQLITE_STAT_TALLY_TRIGGERS = [
  'stat_tally_rec_ai',
  'stat_tally_rec_au',
  'stat_tally_rec_bd',
  'stat_tally_rec_ad',
  'stat_tally_rt_ai',
  'stat_tally_rt_ad',
  'stat_tally_deadline_ai',
  'stat_tally_deadline_au',
  'stat_tally_deadline_ad',
];

/**
 * SQLite: the triggers, and the fill. `sequenced` (the current form, from migration
 * StatTallySequence on): each write also sets the row's change sequence; the migrations before it
 * pass false, as they ran before the column existed.
 */
export function sqliteStatTally({ sequenced = true }: { sequenced?: boolean } = {}): string[] {
  const u = sequenced ? SEQUENCED : PLAIN;
  const changed = COUNTED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
  const body = (statements: string[]) => `BEGIN\n${statements.join('\n')}\nEND`;
  return [
    `CREATE TRIGGER stat_tally_rec_ai AFTER INSERT ON recommendation ${body(itemStatements('new', 1, u))}`,
    `CREATE TRIGGER stat_tally_rec_au AFTER UPDATE OF ${COUNTED.join(', ')} ON recommendation WHEN ${changed} ${body([
      ...itemStatements('old', -1, u),
      ...itemStatements('new', 1, u),
      topicStatement('old', -1, u),
      topicStatement('new', 1, u),
    ])}`,
    `CREATE TRIGGER stat_tally_rec_bd BEFORE DELETE ON recommendation ${body([topicStatement('old', -1, u)])}`,
    `CREATE TRIGGER stat_tally_rec_ad AFTER DELETE ON recommendation ${body(itemStatements('old', -1, u))}`,
    `CREATE TRIGGER stat_tally_rt_ai AFTER INSERT ON recommendation_topic ${body([linkStatement('new', 1, u)])}`,
    `CREATE TRIGGER stat_tally_rt_ad AFTER DELETE ON recommendation_topic ${body([linkStatement('old', -1, u)])}`,
    `CREATE TRIGGER stat_tally_deadline_ai AFTER INSERT ON deadline ${body([deadlineStatement('new', 1, u)])}`,
    `CREATE TRIGGER stat_tally_deadline_au AFTER UPDATE OF state, closes_at ON deadline
       WHEN old.state IS NOT new.state OR old.closes_at IS NOT new.closes_at ${body([deadlineStatement('old', -1, u), deadlineStatement('new', 1, u)])}`,
    `CREATE TRIGGER stat_tally_deadline_ad AFTER DELETE ON deadline ${body([deadlineStatement('old', -1, u)])}`,
    ...FILL_STAT_TALLY,
  ];
}

/** SQLite: the triggers alone (what a migration that replaces them creates). */
export function sqliteStatTallyTriggers(options?: { sequenced?: boolean }): string[] {
  return sqliteStatTally(options).filter((s) => s.startsWith('CREATE TRIGGER'));
}

/** PostgreSQL: the same triggers as plpgsql functions, and the fill. */
export function postgresStatTally(): string[] {
  const changed = COUNTED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  const fn = (name: string, body: string) =>
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n${body}\nEND $$`;
  return [
    fn(
      'stat_tally_recommendation',
      `IF TG_OP = 'DELETE' AND TG_WHEN = 'BEFORE' THEN
         ${topicStatement('OLD', -1)}
         RETURN OLD;
       END IF;
       IF TG_OP = 'UPDATE' AND NOT (${changed}) THEN RETURN NEW; END IF;
       IF TG_OP IN ('UPDATE', 'DELETE') THEN
         ${itemStatements('OLD', -1).join('\n')}
       END IF;
       IF TG_OP = 'UPDATE' THEN
         ${topicStatement('OLD', -1)}
         ${topicStatement('NEW', 1)}
       END IF;
       IF TG_OP IN ('INSERT', 'UPDATE') THEN
         ${itemStatements('NEW', 1).join('\n')}
       END IF;
       RETURN NULL;`,
    ),
    `CREATE TRIGGER stat_tally_rec_aiud AFTER INSERT OR UPDATE OR DELETE ON recommendation FOR EACH ROW EXECUTE FUNCTION stat_tally_recommendation()`,
    `CREATE TRIGGER stat_tally_rec_bd BEFORE DELETE ON recommendation FOR EACH ROW EXECUTE FUNCTION stat_tally_recommendation()`,
    fn(
      'stat_tally_recommendation_topic',
      `IF TG_OP = 'INSERT' THEN ${linkStatement('NEW', 1)} ELSE ${linkStatement('OLD', -1)} END IF;
       RETURN NULL;`,
    ),
    `CREATE TRIGGER stat_tally_rt_aid AFTER INSERT OR DELETE ON recommendation_topic FOR EACH ROW EXECUTE FUNCTION stat_tally_recommendation_topic()`,
    fn(
      'stat_tally_deadline',
      `IF TG_OP = 'UPDATE' AND OLD.state IS NOT DISTINCT FROM NEW.state AND OLD.closes_at IS NOT DISTINCT FROM NEW.closes_at THEN RETURN NULL; END IF;
       IF TG_OP IN ('UPDATE', 'DELETE') THEN ${deadlineStatement('OLD', -1)} END IF;
       IF TG_OP IN ('INSERT', 'UPDATE') THEN ${deadlineStatement('NEW', 1)} END IF;
       RETURN NULL;`,
    ),
    `CREATE TRIGGER stat_tally_deadline_aiud AFTER INSERT OR UPDATE OR DELETE ON deadline FOR EACH ROW EXECUTE FUNCTION stat_tally_deadline()`,
    ...FILL_STAT_TALLY,
  ];
}

/** PostgreSQL: what the down migration drops. */
export const POSTGRES_STAT_TALLY_DROP = [
  `DROP TRIGGER stat_tally_deadline_aiud ON deadline`,
  `DROP FUNCTION stat_tally_deadline()`,
  `DROP TRIGGER stat_tally_rt_aid ON recommendation_topic`,
  `DROP FUNCTION stat_tally_recommendation_topic()`,
  `DROP TRIGGER stat_tally_rec_bd ON recommendation`,
  `DROP TRIGGER stat_tally_rec_aiud ON recommendation`,
  `DROP FUNCTION stat_tally_recommendation()`,
];
