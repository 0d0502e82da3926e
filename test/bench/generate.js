#!/usr/bin/env node
/**
 * Builds benchmark databases of N recommendations with a realistic shape: about ten status changes
 * (several assessors, some retractions), two deadlines (day, month, quarter and year precision; met,
 * missed, open, extended, withdrawn) and one monitor finding each, over 20 topics, 50 actors and
 * 200 sources.
 *
 * The schema comes from the app's own migrations (dist/), then everything is bulk-inserted with
 * prepared statements in one transaction. Derived columns are filled by the app's own rules
 * (current-status.js for headline_status/status_as_of/retracted, deadline-clock.js for closes_at,
 * next_close_at = earliest open close); the search documents are filled after the load with the
 * migration's own statement (FILL_RECOMMENDATION_SEARCH, then the vocabulary, FILL_RECOMMENDATION_SEARCH_TERMS),
 * as the app's write paths would have kept them,
 * and the list rows with the write path's own function (backfillListRows).
 * tracker_meta.deadline_time_zone is set so the app does not recompute close times at start.
 *
 * Databases are cached in test/bench/.cache/, keyed by size, GENERATOR_VERSION and the list of
 * migrations, so a new migration or generator change rebuilds them.
 *
 *   node test/bench/generate.js 100000 [--force]
 */
require('reflect-metadata');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { ROOT, DIST, CACHE_DIR, requireDist } = require('./lib/paths');
const { prng } = require('./lib/prng');

/** Bump when the generated data changes shape, so cached databases are rebuilt. */
const GENERATOR_VERSION = 3;
const SEED = 20170113;
const TIME_ZONE = 'America/Chicago';
const HEADLINE_ASSESSOR = 'tracker-editors';
/** The text the `q=` scenario searches for; the generator puts it in about one item in twenty. */
const SEARCH_TERM = 'foot pursuit';
/** Fixed instants so that the same seed gives the same rows whatever day it runs. */
const CREATED_AT = '2026-11-01T12:00:00.000Z';
const LAST_EFFECTIVE = '2026-10-31';
const STATE_REFERENCE = '2026-11-01';

const DAY_MS = 86_400_000;
const dayNum = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const ORDINAL = ['first', 'second', 'third', 'fourth'];

const TOPICS = [
  ['foot-pursuits', 'Foot pursuits'],
  ['use-of-force', 'Use of force'],
  ['accountability', 'Accountability'],
  ['training', 'Training'],
  ['supervision', 'Supervision'],
  ['body-worn-cameras', 'Body-worn cameras'],
  ['data-transparency', 'Data and transparency'],
  ['community-policing', 'Community policing'],
  ['crisis-intervention', 'Crisis intervention'],
  ['officer-wellness', 'Officer wellness'],
  ['recruitment-and-promotion', 'Recruitment and promotion'],
  ['discipline', 'Discipline'],
  ['search-and-seizure', 'Search and seizure'],
  ['traffic-stops', 'Traffic stops'],
  ['youth-interactions', 'Interactions with youth'],
  ['language-access', 'Language access'],
  ['impartial-policing', 'Impartial policing'],
  ['investigations', 'Investigations'],
  ['complaints', 'Complaints'],
  ['technology', 'Technology'],
];

const NAMED_ACTORS = [
  ['tracker-editors', 'Reform Tracker editors', 'tracker'],
  ['independent-monitoring-team', 'Independent Monitoring Team', 'monitor'],
  ['chicago-police-department', 'Chicago Police Department', 'agency'],
  ['city-of-chicago', 'City of Chicago', 'agency'],
  ['mayor-of-chicago', 'Mayor of Chicago', 'official'],
  ['chicago-city-council', 'Chicago City Council', 'other'],
  ['copa', 'Civilian Office of Police Accountability', 'oversight_agency'],
  ['chicago-police-board', 'Chicago Police Board', 'oversight_agency'],
  ['us-department-of-justice', 'U.S. Department of Justice', 'federal'],
  ['us-district-court-nd-illinois', 'U.S. District Court for the Northern District of Illinois', 'court'],
  ['illinois-attorney-general', 'Illinois Attorney General', 'official'],
  ['office-of-inspector-general', 'City of Chicago Office of Inspector General', 'oversight_agency'],
  ['community-coalition', 'Community coalition for police accountability', 'community'],
];
const ACTOR_PLACES = ['Northside', 'Southside', 'Westside', 'Lakefront', 'Riverdale', 'Pilsen', 'Austin', 'Englewood', 'Uptown'];
const ACTOR_BODIES = [
  ['district-council', 'District Council', 'community'],
  ['police-district', 'Police District', 'agency'],
  ['alderman-office', 'Aldermanic Office', 'official'],
  ['youth-coalition', 'Youth Coalition', 'community'],
];
/** Assessors besides the headline one; the monitor assesses far more often than the others. */
const OTHER_ASSESSORS = {
  'independent-monitoring-team': 30,
  copa: 4,
  'office-of-inspector-general': 4,
  'community-coalition': 2,
};
const RESPONSIBLE = {
  'chicago-police-department': 60,
  'city-of-chicago': 12,
  'mayor-of-chicago': 6,
  'chicago-city-council': 4,
  copa: 5,
  'chicago-police-board': 3,
  'office-of-inspector-general': 2,
  'police-district': 8,
};
const SETTERS = {
  'us-district-court-nd-illinois': 35,
  'mayor-of-chicago': 20,
  'chicago-police-department': 25,
  'city-of-chicago': 10,
  'chicago-city-council': 10,
};

const SOURCE_KINDS = {
  doj_report: 3,
  consent_decree: 2,
  monitor_report: 25,
  task_force_report: 5,
  official_statement: 30,
  court_order: 15,
  oversight_report: 30,
  community_demand: 15,
  news_report: 65,
  policy_document: 10,
};
const PUBLISHERS = {
  doj_report: 'U.S. Department of Justice',
  consent_decree: 'U.S. District Court, N.D. Illinois',
  monitor_report: 'Independent Monitoring Team',
  task_force_report: 'Police Accountability Task Force',
  official_statement: 'Office of the Mayor',
  court_order: 'U.S. District Court, N.D. Illinois',
  oversight_report: 'Civilian Office of Police Accountability',
  community_demand: 'Community coalition',
  news_report: 'Chicago Tribune',
  policy_document: 'Chicago Police Department',
};

const VERBS = [
  'Adopt',
  'Develop',
  'Revise',
  'Require',
  'Publish',
  'Audit',
  'Establish',
  'Review',
  'Implement',
  'Expand',
  'Track',
  'Train officers on',
];
const OBJECTS = [
  'a written foot pursuit policy',
  'foot pursuit reporting and review',
  'supervisory review of every foot pursuit',
  'use-of-force reporting',
  'de-escalation training for all sworn members',
  'body-worn camera activation rules',
  'an early intervention system',
  'crisis intervention team coverage in every district',
  'a complaint intake system that accepts anonymous complaints',
  'timely investigations of police shootings',
  'data on investigatory stops',
  'traffic stop data collection',
  'a community policing strategy',
  'officer wellness and peer support programs',
  'promotion criteria based on merit',
  'language access for people with limited English',
  'impartial policing guidance',
  'rules for searches of homes and vehicles',
  'guidance on interactions with youth',
  'the disciplinary matrix',
  'field training officer selection',
  'supervisor span of control',
  'a public data dashboard',
  'tactical training on containment instead of chasing',
];
const QUALIFIERS = [
  'within 180 days',
  'with community input',
  'and publish the results',
  'in every district',
  'for all sworn members',
  'by the deadline the court set',
  'and report progress to the monitor',
  'consistent with best practices',
  'before the next reporting period',
  '',
];
const FINDINGS = [
  'officers engage in tactically unsound and unnecessary foot pursuits',
  'supervisors rarely review force reports',
  'training was outdated and delivered by video',
  'complaints were closed without interviews',
  'data systems could not say how often force was used',
  'body-worn cameras were activated late or not at all',
  'investigations took years to complete',
  'crisis calls were answered without trained officers',
];

function slugWords(s) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 4)
    .join('-');
}

function migrationsKey() {
  const { SQLITE_MIGRATIONS } = requireDist('migrations/sqlite/index.js');
  return createHash('sha256')
    .update(SQLITE_MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 10);
}

/** The cached database file for `size` items (generated if missing). */
function cachedPath(size) {
  return join(CACHE_DIR, `db-v${GENERATOR_VERSION}-${size}-${migrationsKey()}.sqlite`);
}

async function createSchema(path) {
  const { DataSource } = require(join(ROOT, 'node_modules', 'typeorm'));
  const { sqliteOptions } = requireDist('src/database/sqlite/data-source-options.js');
  const ds = new DataSource({ ...sqliteOptions(path, { migrationsRun: true }), logging: false });
  await ds.initialize();
  await ds.destroy();
}

/**
 * The list rows (recommendation_list_row), written as the app's write path writes them: its own
 * backfillListRows over a TypeORM connection, in one transaction.
 */
async function fillListRows(path) {
  const { DataSource } = require(join(ROOT, 'node_modules', 'typeorm'));
  const { sqliteOptions } = requireDist('src/database/sqlite/data-source-options.js');
  const { backfillListRows } = requireDist('src/recommendations/list-rows.repository.js');
  const ds = new DataSource({ ...sqliteOptions(path), logging: false });
  await ds.initialize();
  try {
    await ds.transaction((em) => backfillListRows(em));
  } finally {
    await ds.destroy();
  }
}

/** Inserts the dataset into an empty, migrated database. Returns counts. */
function fill(db, size) {
  const { closesAt } = requireDist('src/deadlines/rules/deadline-clock.js');
  // Dates in words the way the site writes them (presentation/format.ts).
  const { formatDate, MONTHS } = requireDist('src/presentation/format.js');
  const { headline, retractedIds } = requireDist('src/recommendations/rules/current-status.js');
  const r = prng(SEED);

  // --- reference data: topics, actors, sources ---
  const topics = TOPICS.map(([slug, name], i) => ({ id: i + 1, slug, name }));
  const actors = NAMED_ACTORS.map(([slug, name, kind]) => ({ slug, name, kind }));
  for (let i = 0; actors.length < 50; i++) {
    const [bslug, bname, kind] = ACTOR_BODIES[i % ACTOR_BODIES.length];
    const place = ACTOR_PLACES[Math.floor(i / ACTOR_BODIES.length) % ACTOR_PLACES.length];
    const n = Math.floor(i / (ACTOR_BODIES.length * ACTOR_PLACES.length));
    actors.push({
      slug: `${slugWords(place)}-${bslug}${n ? `-${n + 1}` : ''}`,
      name: `${place} ${bname}${n ? ` ${n + 1}` : ''}`,
      kind,
    });
  }
  actors.forEach((a, i) => (a.id = i + 1));
  const actorId = new Map(actors.map((a) => [a.slug, a.id]));
  const districtActors = actors.filter((a) => a.slug.endsWith('police-district')).map((a) => a.id);

  const sources = [];
  const kindCounts = {};
  for (const [kind, count] of Object.entries(SOURCE_KINDS)) {
    for (let k = 1; k <= count; k++) {
      const day = r.int(dayNum('2016-04-13'), dayNum('2026-10-15'));
      const published = isoOf(day);
      kindCounts[kind] = (kindCounts[kind] ?? 0) + 1;
      const short = kind.replace(/_/g, '-');
      sources.push({
        slug: `${short}-${published.slice(0, 7)}-${kindCounts[kind]}`,
        title: `${PUBLISHERS[kind]}: ${r.pick(OBJECTS)} (${formatDate(published, 'month')})`,
        kind,
        publisher: PUBLISHERS[kind],
        published_on: published,
        publishedDay: day,
        url: `https://example.org/${short}/${published}/${kindCounts[kind]}`,
      });
    }
  }
  sources.forEach((s, i) => (s.id = i + 1));
  const monitorReports = sources.filter((s) => s.kind === 'monitor_report');

  const ins = {
    topic: db.prepare(`INSERT INTO topic (id, slug, name) VALUES (?, ?, ?)`),
    actor: db.prepare(`INSERT INTO actor (id, slug, name, kind, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`),
    source: db.prepare(
      `INSERT INTO source (id, slug, title, kind, publisher, published_on, url, archived_url, note, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 1, ?, ?)`,
    ),
    rec: db.prepare(
      `INSERT INTO recommendation (id, slug, kind, title, text, text_is_verbatim, source_id, pinpoint, responsible_id, weight,
         headline_status, status_as_of, next_close_at, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    recTopic: db.prepare(`INSERT INTO recommendation_topic (recommendation_id, topic_id) VALUES (?, ?)`),
    change: db.prepare(
      `INSERT INTO status_change (id, slug, recommendation_id, status, effective_on, effective_precision, recorded_at, assessor_id,
         evidence_source_id, evidence_url, evidence_excerpt, evidence_pinpoint, note, recorded_by, retracts_id, retracted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deadline: db.prepare(
      `INSERT INTO deadline (id, slug, recommendation_id, label, due, precision, closes_at, set_by_id, set_on, source_id, authority,
         state, met_on, settled_on, extended_by_id, evidence_source_id, evidence_url, evidence_excerpt, evidence_pinpoint, note,
         version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    finding: db.prepare(
      `INSERT INTO finding (id, slug, recommendation_id, assessor_id, report_id, period_start, period_end, level, deadline_met,
         summary, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed')`,
    ),
  };

  for (const t of topics) ins.topic.run(t.id, t.slug, t.name);
  for (const a of actors) ins.actor.run(a.id, a.slug, a.name, a.kind, CREATED_AT, CREATED_AT);
  for (const s of sources)
    ins.source.run(s.id, s.slug, s.title, s.kind, s.publisher, s.published_on, s.url, CREATED_AT, CREATED_AT);

  // --- the items ---
  const counts = { recommendations: 0, statusChanges: 0, retractions: 0, deadlines: 0, findings: 0, topicLinks: 0 };
  const headlineCounts = {};
  const lastDay = dayNum(LAST_EFFECTIVE);
  const referenceDay = dayNum(STATE_REFERENCE);
  const ladder = ['not_started', 'accepted', 'in_progress', 'interim', 'partially_implemented', 'implemented'];
  const otherAssessorIds = Object.fromEntries(Object.keys(OTHER_ASSESSORS).map((s) => [s, actorId.get(s)]));
  const editorsId = actorId.get(HEADLINE_ASSESSOR);
  const monitorId = actorId.get('independent-monitoring-team');
  let changeId = 0;
  let deadlineId = 0;
  const width = String(size).length;

  for (let i = 1; i <= size; i++) {
    const source = r.pick(sources);
    const kind = r.weighted({ recommendation: 40, requirement: 35, commitment: 15, demand: 7, disciplinary_recommendation: 3 });
    const verb = r.pick(VERBS);
    // One item in twenty is about foot pursuits, so `q=foot pursuit` is selective but not rare.
    const aboutPursuits = r.chance(0.05);
    const object = aboutPursuits ? r.pick(OBJECTS.slice(0, 3)) : r.pick(OBJECTS.slice(3));
    const qualifier = r.pick(QUALIFIERS);
    const title = `${verb} ${object}${qualifier ? ` ${qualifier}` : ''}`;
    const slug = `${source.slug}-${slugWords(object)}-${String(i).padStart(width, '0')}`;
    const finding = aboutPursuits ? FINDINGS[0] : r.pick(FINDINGS.slice(1));
    const responsibleSlug = r.chance(0.9) ? r.weighted(RESPONSIBLE) : null;
    const responsibleId =
      responsibleSlug === 'police-district' ? r.pick(districtActors) : responsibleSlug ? actorId.get(responsibleSlug) : null;
    const responsibleName = responsibleId ? actors[responsibleId - 1].name : 'the city';
    const text =
      `${source.publisher} found that ${finding}, and that ${r.pick(FINDINGS.slice(1))}. ` +
      `It recommended that ${responsibleName} ${verb.toLowerCase()} ${object}${qualifier ? ` ${qualifier}` : ''}. ` +
      `Progress is to be reported ${r.pick(['to the court', 'to the monitor', 'to the public', 'to the City Council'])} ` +
      `${r.pick(['every six months', 'each year', 'quarterly'])}, with ${r.pick(QUALIFIERS.slice(0, 9))}.`;
    const weight = r.chance(0.85) ? 1 : r.pick([0.5, 2, 3]);
    const startDay = Math.min(source.publishedDay, lastDay - 30);

    // Status changes: the editors walk up the ladder (sometimes stalling or rejecting); other
    // assessors lag or disagree; one change in twenty is later retracted by a correction.
    const entries = [];
    const nChanges = r.int(8, 12);
    const assessed = r.chance(0.93);
    const days = [];
    for (let k = 0; k < nChanges; k++) days.push(r.int(startDay, lastDay));
    days.sort((a, b) => a - b);
    // How far this item ever gets: most reforms are still in progress.
    const ceiling = ladder.indexOf(
      r.weighted({ not_started: 8, accepted: 12, in_progress: 30, interim: 10, partially_implemented: 15, implemented: 25 }),
    );
    let rung = 0;
    let recorded = Date.parse(`${isoOf(startDay)}T15:00:00Z`);
    for (let k = 0; k < nChanges; k++) {
      const assessorSlug = assessed && r.chance(0.6) ? HEADLINE_ASSESSOR : r.weighted(OTHER_ASSESSORS);
      if (r.chance(0.55)) rung = Math.min(ceiling, rung + 1);
      let status = ladder[rung];
      if (r.chance(0.06)) status = r.pick(['stalled', 'unclear', 'rejected']);
      else if (assessorSlug !== HEADLINE_ASSESSOR && r.chance(0.3)) status = ladder[Math.max(0, rung - 1)];
      const monthPrecision = r.chance(0.1);
      const effectiveOn = monthPrecision ? `${isoOf(days[k]).slice(0, 7)}-01` : isoOf(days[k]);
      recorded = Math.max(recorded + 60_000, Date.parse(`${effectiveOn}T14:00:00Z`) + r.int(0, 40) * DAY_MS);
      entries.push({
        id: ++changeId,
        status,
        effectiveOn,
        precision: monthPrecision ? 'month' : 'day',
        recordedAt: new Date(recorded),
        assessor: assessorSlug,
        retracts: null,
      });
    }
    const nOriginal = entries.length;
    for (let k = 0; k < nOriginal; k++) {
      if (!r.chance(0.05)) continue;
      const target = entries[k];
      recorded += r.int(1, 20) * DAY_MS;
      const corrected = ladder.filter((s) => s !== target.status);
      entries.push({
        id: ++changeId,
        status: r.pick(corrected),
        effectiveOn: target.effectiveOn,
        precision: target.precision,
        recordedAt: new Date(recorded),
        assessor: target.assessor,
        retracts: target.id,
      });
      counts.retractions++;
    }
    const retracted = retractedIds(entries);
    const head = headline(entries, HEADLINE_ASSESSOR);
    headlineCounts[head.status] = (headlineCounts[head.status] ?? 0) + 1;

    // Deadlines: two per item; a fifth of first deadlines were extended by the second.
    const deadlines = [];
    const extended = r.chance(0.2);
    for (let k = 0; k < 2; k++) {
      const precision = r.weighted({ day: 4, month: 3, quarter: 1.5, year: 1.5 });
      let dueDay = r.int(dayNum('2018-01-01'), dayNum('2029-12-31'));
      if (k === 1 && extended) dueDay = deadlines[0].lastDay + r.int(60, 720);
      const d = isoOf(dueDay);
      const y = d.slice(0, 4);
      const m = Number(d.slice(5, 7));
      let due;
      let label;
      if (precision === 'day') {
        due = d;
        label = `by ${formatDate(d)}`;
      } else if (precision === 'month') {
        due = d.slice(0, 7);
        label = r.pick([`sometime in ${MONTHS[m - 1]}`, `by the end of ${formatDate(d, 'month')}`, `in ${MONTHS[m - 1]}`]);
      } else if (precision === 'quarter') {
        const q = Math.floor((m - 1) / 3) + 1;
        due = `${y}-Q${q}`;
        label = `in the ${ORDINAL[q - 1]} quarter of ${y}`;
      } else {
        due = y;
        label = r.pick([`by the end of ${y}`, `in ${y}`, `before ${Number(y) + 1}`]);
      }
      const close = closesAt(due, precision, TIME_ZONE).toISOString();
      const closeDay = dayNum(close.slice(0, 10));
      const past = closeDay <= referenceDay;
      let state = past
        ? r.weighted({ met: 40, missed: 25, open: 25, withdrawn: 3 })
        : r.weighted({ open: 90, met: 7, withdrawn: 3 });
      if (k === 0 && extended) state = 'extended';
      const setOnDay = k === 1 && extended ? deadlines[0].settledDay : Math.max(dayNum('2016-01-01'), closeDay - r.int(60, 900));
      let metOn = null;
      let settledDay = null;
      if (state === 'met') {
        const metDay = Math.min(referenceDay, closeDay + r.int(-120, 45));
        metOn = isoOf(Math.max(setOnDay, metDay));
        settledDay = dayNum(metOn);
      } else if (state === 'missed' || state === 'extended' || state === 'withdrawn') {
        settledDay = Math.min(referenceDay, Math.max(setOnDay, closeDay + r.int(-30, 60)));
      }
      const hasEvidence = state !== 'open' && r.chance(0.7);
      deadlines.push({
        id: ++deadlineId,
        slug: `${slug}-due-${due.toLowerCase()}-${k + 1}`,
        label,
        due,
        precision,
        close,
        lastDay: closeDay - 1,
        setBy: actorId.get(r.weighted(SETTERS)),
        setOn: isoOf(setOnDay),
        source: r.chance(0.8) ? source.id : r.pick(sources).id,
        authority: r.weighted({ court_order: 35, official_promise: 25, agreement: 15, law: 10, self_imposed: 15 }),
        state,
        metOn,
        settledDay,
        settledOn: settledDay === null ? null : isoOf(settledDay),
        evidenceSource: hasEvidence ? r.pick(sources).id : null,
        evidenceExcerpt: hasEvidence && r.chance(0.5) ? `${r.pick(FINDINGS)}; ${r.pick(OBJECTS)}` : null,
        note: r.chance(0.3) ? `Reading "${label}" as ${due} is the editors' interpretation.` : null,
      });
    }
    if (extended) deadlines[0].extendedBy = deadlines[1].id;
    let nextClose = null;
    for (const d of deadlines) if (d.state === 'open' && (nextClose === null || d.close < nextClose)) nextClose = d.close;

    ins.rec.run(
      i,
      slug,
      kind,
      title,
      text,
      r.chance(0.4) ? 1 : 0,
      source.id,
      r.chance(0.6) ? `p. ${r.int(1, 180)}` : r.chance(0.5) ? `¶ ${r.int(1, 799)}` : null,
      responsibleId,
      weight,
      head.status,
      head.entry ? head.entry.effectiveOn : null,
      nextClose,
      CREATED_AT,
      CREATED_AT,
    );
    counts.recommendations++;
    for (const t of r.sample(topics, r.int(1, 3))) {
      ins.recTopic.run(i, t.id);
      counts.topicLinks++;
    }
    for (const e of entries) {
      const evidence = r.pick(sources);
      ins.change.run(
        e.id,
        `${slug}-${e.effectiveOn}-${e.status.replace(/_/g, '-')}-${e.id}`,
        i,
        e.status,
        e.effectiveOn,
        e.precision,
        e.recordedAt.toISOString(),
        e.assessor === HEADLINE_ASSESSOR ? editorsId : otherAssessorIds[e.assessor],
        evidence.id,
        r.chance(0.5) ? `${evidence.url}#p${r.int(1, 200)}` : null,
        r.chance(0.5) ? `${r.pick(FINDINGS)}; ${r.pick(OBJECTS)} ${r.pick(QUALIFIERS)}`.trim() : null,
        r.chance(0.3) ? `p. ${r.int(1, 300)}` : null,
        e.retracts
          ? 'Corrects an earlier entry recorded with the wrong status.'
          : r.chance(0.2)
            ? 'Status inferred from the report.'
            : null,
        r.chance(0.7) ? 'seed' : 'editor-key',
        e.retracts,
        retracted.has(e.id) ? 1 : 0,
      );
      counts.statusChanges++;
    }
    for (const d of deadlines) {
      ins.deadline.run(
        d.id,
        d.slug,
        i,
        d.label,
        d.due,
        d.precision,
        d.close,
        d.setBy,
        d.setOn,
        d.source,
        d.authority,
        d.state,
        d.metOn,
        d.settledOn,
        d.extendedBy ?? null,
        d.evidenceSource,
        null,
        d.evidenceExcerpt,
        null,
        d.note,
        CREATED_AT,
        CREATED_AT,
      );
      counts.deadlines++;
    }
    const periodEnd = r.int(dayNum('2019-12-31'), dayNum('2026-06-30'));
    const report = r.pick(monitorReports);
    ins.finding.run(
      i,
      `${slug}-${report.slug}`,
      i,
      monitorId,
      report.id,
      isoOf(periodEnd - 181),
      isoOf(periodEnd),
      r.weighted({ none: 30, preliminary: 35, secondary: 25, full: 10 }),
      r.chance(0.4) ? null : r.chance(0.5) ? 1 : 0,
      `The monitor found that ${r.pick(FINDINGS)}, and assessed progress on ${r.pick(OBJECTS)} for the period.`,
      new Date((periodEnd + 100) * DAY_MS).toISOString(),
    );
    counts.findings++;
  }
  db.prepare(`INSERT OR REPLACE INTO tracker_meta (key, value) VALUES ('deadline_time_zone', ?)`).run(TIME_ZONE);
  return { ...counts, headline: headlineCounts };
}

/**
 * Returns the path of a generated database of `size` recommendations, generating it (and removing
 * stale versions of the same size) when it is not cached. `log` receives progress lines.
 */
async function ensureDatabase(size, { force = false, log = () => {} } = {}) {
  const path = cachedPath(size);
  if (existsSync(path) && !force) return { path, cached: true, ms: 0 };
  mkdirSync(CACHE_DIR, { recursive: true });
  // Versions for other migrations go once nobody can still be copying them (runs copy at start).
  for (const f of readdirSync(CACHE_DIR)) {
    const other = join(CACHE_DIR, f);
    const stale = f.startsWith('db-v') && f.includes(`-${size}-`) && other !== path;
    if (stale && Date.now() - statSync(other).mtimeMs > 30 * 60_000) rmSync(other, { force: true });
  }
  // Concurrent runs may build the same file: each builds its own, and the rename is atomic.
  const tmp = `${path}.building-${process.pid}`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  const started = Date.now();
  await createSchema(tmp);
  const { FILL_RECOMMENDATION_SEARCH } = requireDist('migrations/sqlite/1796200000000-RecommendationSearchDocuments.js');
  const { FILL_RECOMMENDATION_SEARCH_TERMS } = requireDist('migrations/sqlite/1796220000002-RecommendationSearchTerms.js');
  const db = new Database(tmp);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -400000');
  db.pragma('temp_store = MEMORY');
  // Secondary indexes are built faster in one sort after the load than row by row during it; the
  // exact CREATE INDEX statements the migrations wrote are replayed, so the schema is unchanged.
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all();
  const counts = db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
    const result = fill(db, size);
    // The generated data has no reviews: an item was last reviewed when its headline status took
    // effect, which is what the app's derived-column rule (recommendation-derived) writes.
    db.exec(`UPDATE recommendation SET reviewed_on = status_as_of`);
    for (const ix of indexes) db.exec(ix.sql);
    // After the indexes: its sub-selects per item read status changes, deadlines and findings by item.
    db.exec(FILL_RECOMMENDATION_SEARCH);
    for (const statement of FILL_RECOMMENDATION_SEARCH_TERMS) db.exec(statement);
    return result;
  })();
  const fkProblems = db.pragma('foreign_key_check');
  if (fkProblems.length > 0) throw new Error(`generated database breaks foreign keys: ${JSON.stringify(fkProblems.slice(0, 3))}`);
  db.close();
  await fillListRows(tmp);
  const wal = new Database(tmp);
  wal.pragma('journal_mode = WAL');
  wal.close();
  renameSync(tmp, path);
  const ms = Date.now() - started;
  log(`generated ${size} items in ${(ms / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  return { path, cached: false, ms, counts };
}

module.exports = { ensureDatabase, cachedPath, GENERATOR_VERSION, SEARCH_TERM, TIME_ZONE, HEADLINE_ASSESSOR, DIST };

if (require.main === module) {
  const size = Number(process.argv[2] ?? 1000);
  ensureDatabase(size, { force: process.argv.includes('--force'), log: (l) => console.log(l) })
    .then((res) => console.log(res.path))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
