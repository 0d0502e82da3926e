// The words of every notification email, text and HTML, from the same views the API serves. Pure:
// the dispatcher gathers the views and links, these functions decide what the reader sees. The text
// part is built here; the HTML part is the Eta templates in ./templates (every value escaped).

import {
  days,
  deadlineOutcome,
  findingLevel,
  formatCloses,
  formatDate,
  formatDue,
  isWebUrl,
  statusLabel,
  timeLeft,
} from '../../presentation/format';
import type { DeadlineView } from '../../deadlines/deadline-view';
import type { EvidenceView } from '../../common/views';
import type { FindingView, StatusChangeView } from '../../recommendations/dto/recommendation.response';
import { join } from 'node:path';
import { createEta } from '../../presentation/renderer';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailSite {
  name: string;
  timeZone: string;
  now: Date;
  /** The public base URL (PUBLIC_URL): sources and actors are linked to their pages there. */
  url: string;
}

/** The item an email is about, with its headline status and that status's evidence. */
export interface ItemContext {
  slug: string;
  title: string;
  url: string;
  status: string;
  statusAsOf: string | null;
  statusBy: string | null;
  /** The id of the status change the headline status comes from (null: never assessed). */
  statusEntryId: number | null;
  evidence: EvidenceView | null;
}

/** What a status change did, from the item's history when the email is written (see entryEffect). */
export interface ChangeEffect {
  /** The status the same assessor had just before the change was recorded. */
  previous: { status: string; effectiveOn: string; effectivePrecision: string } | null;
  /** false: backdated behind a later-effective entry, or withdrawn since; it is history, not news. */
  current: boolean;
}

/** One notification's content; an email holds one, a digest several. */
export interface EmailSection {
  subject: string;
  heading: string;
  intro: string;
  facts: Array<{ label: string; value: string; href?: string }>;
  quote?: string | null;
  link: { href: string; text: string };
}

export interface FooterLinks {
  followed: string;
  manage: string;
  unsubscribe: string;
}

const quoteMarks = (s: string) => `“${s}”`;

/** A deadline's label in quotation marks only when it is the setter's own words; else with whose wording it is. */
const labelOf = (d: DeadlineView) =>
  d.labelIsVerbatim ? quoteMarks(d.label) : `${d.label} (${d.labelAttribution ?? 'not their own words'})`;
/** A source's or an actor's page on the tracker (it links the document itself). */
const pageOf = (site: EmailSite, kind: 'sources' | 'actors', slug: string) => `${site.url}/${kind}/${encodeURIComponent(slug)}`;
const MAX_SUBJECT = 200;
const subjectLine = (s: string) => (s.length > MAX_SUBJECT ? `${s.slice(0, MAX_SUBJECT - 1)}…` : s).replace(/[\r\n]+/g, ' ');

/**
 * The evidence as a link: the web address it was read at, or else its source's page on the tracker
 * (which links the document); plain text only when it has neither.
 */
function evidenceFacts(evidence: EvidenceView | null, site: EmailSite, label = 'Evidence'): EmailSection['facts'] {
  if (!evidence) return [];
  const where = [evidence.source?.title, evidence.pinpoint].filter(Boolean).join(', ');
  if (!where && !isWebUrl(evidence.url)) return [];
  const href = isWebUrl(evidence.url)
    ? evidence.url
    : evidence.source
      ? pageOf(site, 'sources', evidence.source.slug)
      : undefined;
  return [{ label, value: where || (evidence.url ?? ''), href }];
}

function headlineText(item: ItemContext): string {
  const asOf = item.statusAsOf ? `, as of ${formatDate(item.statusAsOf)}` : '';
  const by = item.statusBy ? ` (${item.statusBy})` : '';
  return `${statusLabel(item.status)}${asOf}${by}`;
}

/** The item's headline status and its evidence, labelled as such (not to be read as a deadline's evidence). */
function statusFacts(item: ItemContext, site: EmailSite): EmailSection['facts'] {
  return [
    { label: 'Current status', value: headlineText(item) },
    ...evidenceFacts(item.evidence, site, 'Evidence for the current status'),
  ];
}

function deadlineFacts(d: DeadlineView, site: EmailSite, closed: boolean): EmailSection['facts'] {
  const timeZone = site.timeZone;
  const facts: EmailSection['facts'] = [
    { label: 'Item', value: d.recommendation.title },
    d.labelIsVerbatim
      ? { label: 'Deadline, in the original words', value: quoteMarks(d.label) }
      : { label: 'Deadline, as worded by others', value: labelOf(d) },
    { label: 'Due', value: formatDue(d.due, d.precision) },
    { label: closed ? 'Closed' : 'Closes', value: formatCloses(d.closesAt, timeZone, closed).replace(/^clos(es|ed) /, '') },
  ];
  if (d.setBy) facts.push({ label: 'Set by', value: d.setBy.title, href: pageOf(site, 'actors', d.setBy.slug) });
  if (d.source) facts.push({ label: 'Stated in', value: d.source.title, href: pageOf(site, 'sources', d.source.slug) });
  return facts;
}

/**
 * A reminder. What is left is counted as the API and the pages count it (`daysRemaining`, local days
 * to the close; see timeLeft), so an email, a page and the API never give two numbers for one day.
 */
export function reminderSection(item: ItemContext, d: DeadlineView, site: EmailSite): EmailSection {
  const left = timeLeft(d.daysRemaining);
  return {
    subject: subjectLine(`Reminder: ${d.labelIsVerbatim ? quoteMarks(d.label) : d.label} — ${left} (${item.title})`),
    heading: `Deadline reminder: ${item.title}`,
    intro: `The deadline ${labelOf(d)} (${formatDue(d.due, d.precision)}) is still open: ${left}; it ${formatCloses(d.closesAt, site.timeZone)}.`,
    facts: [...deadlineFacts(d, site, false), ...statusFacts(item, site)],
    link: { href: item.url, text: 'See the item, its deadlines and its evidence' },
  };
}

export function missedSection(item: ItemContext, d: DeadlineView, site: EmailSite): EmailSection {
  const late = d.daysLate ? `${days(d.daysLate)} ago` : 'less than a day ago';
  // Only an editor's finding makes a deadline missed; an open one past its close has simply passed unmet so far.
  const missed = d.state === 'missed';
  const label = d.labelIsVerbatim ? quoteMarks(d.label) : d.label;
  return {
    subject: subjectLine(
      `${missed ? 'Missed' : 'Passed, not recorded as met'}: ${label} (${formatDue(d.due, d.precision)}) — ${item.title}`,
    ),
    heading: `${missed ? 'Deadline missed' : 'Deadline passed'}: ${item.title}`,
    intro: `The deadline ${labelOf(d)} (${formatDue(d.due, d.precision)}) closed ${late} and ${
      missed ? 'was recorded as missed' : 'has not been recorded as met; the editors have not yet recorded its outcome'
    }.`,
    facts: [...deadlineFacts(d, site, true), ...statusFacts(item, site)],
    link: { href: item.url, text: 'See the item, its deadlines and its evidence' },
  };
}

const OUTCOME_HEADINGS: Partial<Record<DeadlineView['state'], string>> = {
  met: 'Deadline met',
  partly_met: 'Deadline partly met',
  extended: 'Deadline extended',
  withdrawn: 'Deadline withdrawn',
};

/**
 * A deadline's outcome (met, partly met, extended, withdrawn), in the words the pages use for it
 * (deadlineOutcome), with its evidence, and for an extension the deadline that replaced it.
 */
export function outcomeSection(
  item: ItemContext,
  d: DeadlineView,
  extension: DeadlineView | undefined,
  site: EmailSite,
): EmailSection {
  const heading = OUTCOME_HEADINGS[d.state] ?? `Deadline ${d.state}`;
  const outcome = deadlineOutcome(d).text;
  const facts: EmailSection['facts'] = [...deadlineFacts(d, site, true), { label: 'Outcome', value: outcome }];
  if (extension) {
    facts.push(
      { label: 'Replaced by', value: labelOf(extension) },
      { label: 'New due date', value: formatDue(extension.due, extension.precision) },
      { label: 'Now closes', value: formatCloses(extension.closesAt, site.timeZone).replace(/^closes /, '') },
    );
  }
  facts.push(...evidenceFacts(d.evidence, site, 'Evidence of the outcome'));
  if (d.note) facts.push({ label: 'Note', value: d.note });
  const label = d.labelIsVerbatim ? quoteMarks(d.label) : d.label;
  return {
    subject: subjectLine(`${heading}: ${label} (${formatDue(d.due, d.precision)}) — ${item.title}`),
    heading: `${heading}: ${item.title}`,
    intro: `The deadline ${labelOf(d)} (${formatDue(d.due, d.precision)}): ${outcome}${
      extension ? `; it now runs to ${formatDue(extension.due, extension.precision)}` : ''
    }.`,
    facts,
    quote: d.evidence?.excerpt ?? null,
    link: { href: item.url, text: 'See the item, its deadlines and its evidence' },
  };
}

/**
 * A status change: the new status beside the one it replaces (the same assessor's, just before it was
 * recorded) and the item's headline status now. An entry that is not its assessor's current one (a
 * backdated entry behind a later-effective one, or one withdrawn since) is told as an addition to the
 * history that leaves the current status as it was, never as news.
 */
export function statusChangeSection(item: ItemContext, c: StatusChangeView, effect: ChangeEffect, site: EmailSite): EmailSection {
  if (c.status === null) return retractionSection(item, c, site);
  const correction = c.retracts !== null;
  const status = statusLabel(c.status);
  const effective = formatDate(c.effectiveOn, c.effectivePrecision);
  const previous = effect.previous
    ? `${statusLabel(effect.previous.status)} (as of ${formatDate(effect.previous.effectiveOn, effect.previous.effectivePrecision)})`
    : 'none recorded';
  const facts: EmailSection['facts'] = [
    { label: 'Item', value: item.title },
    { label: effect.current ? 'New status' : 'Status in this entry', value: status },
    { label: 'Effective', value: effective },
    { label: 'Previous status', value: previous },
    { label: 'Assessed by', value: c.assessor.title, href: pageOf(site, 'actors', c.assessor.slug) },
    ...evidenceFacts(c.evidence, site),
  ];
  if (c.note) facts.push({ label: 'Note', value: c.note });
  if (item.statusEntryId !== c.id) facts.push({ label: 'Current status', value: headlineText(item) });
  const link = { href: item.url, text: 'See the item and its full history' };
  if (!effect.current) {
    return {
      subject: subjectLine(
        `Added to the record: ${item.title}: ${status} as of ${effective} (current status: ${statusLabel(item.status)})`,
      ),
      heading: `Added to the record: ${item.title}`,
      intro: `An entry dated ${effective} was added to this item's history: ${c.assessor.title} assessed the status then as “${status}”. It does not change the current status, which is “${headlineText(item)}”.`,
      facts,
      quote: c.evidence.excerpt,
      link,
    };
  }
  const change = effect.previous ? `${statusLabel(effect.previous.status)} → ${status}` : status;
  return {
    subject: subjectLine(`${correction ? 'Correction: ' : ''}${item.title}: ${change}`),
    heading: `${correction ? 'Corrected status' : 'Status change'}: ${item.title}`,
    intro: `${correction ? 'A correction withdraws an earlier entry. ' : ''}${c.assessor.title} assessed the status as “${status}” as of ${effective}${
      effect.previous ? `; it was “${statusLabel(effect.previous.status)}”` : ''
    }.`,
    facts,
    quote: c.evidence.excerpt,
    link,
  };
}

/** A correction that withdraws an earlier entry without stating a new status. */
function retractionSection(item: ItemContext, c: StatusChangeView, site: EmailSite): EmailSection {
  const facts: EmailSection['facts'] = [
    { label: 'Item', value: item.title },
    { label: 'Withdrawn by', value: c.assessor.title, href: pageOf(site, 'actors', c.assessor.slug) },
    ...statusFacts(item, site),
  ];
  if (c.note) facts.push({ label: 'Why', value: c.note });
  return {
    subject: subjectLine(`Correction: ${item.title}: an entry was withdrawn`),
    heading: `Correction: ${item.title}`,
    intro: `${c.assessor.title} withdrew an earlier entry on this item without stating a new status; it no longer counts.`,
    facts,
    quote: c.evidence.excerpt,
    link: { href: item.url, text: 'See the item and its full history' },
  };
}

export function findingSection(item: ItemContext, f: FindingView, site: EmailSite): EmailSection {
  const regression = f.regression ? ` — down from ${findingLevel(f.previousLevel).toLowerCase()}` : '';
  return {
    subject: subjectLine(`Monitor finding: ${item.title}: ${findingLevel(f.level)}${f.regression ? ' (regression)' : ''}`),
    heading: `Monitor finding: ${item.title}`,
    intro: `${f.assessor.title} rated the period ${formatDate(f.periodStart)} – ${formatDate(f.periodEnd)}: ${findingLevel(f.level)}${regression}.${f.regression ? ' It failed to maintain compliance.' : ''}`,
    facts: [
      { label: 'Item', value: item.title },
      { label: 'Report', value: f.report.title, href: pageOf(site, 'sources', f.report.slug) },
      ...(f.deadlineMet === null ? [] : [{ label: 'Deadline met', value: f.deadlineMet ? 'yes' : 'no' }]),
      ...statusFacts(item, site),
    ],
    quote: f.summary,
    link: { href: item.url, text: 'See the item and every finding' },
  };
}

function sectionText(s: EmailSection): string {
  const width = s.facts.reduce((w, f) => Math.max(w, f.label.length), 0) + 1;
  const facts = s.facts.map(
    (f) =>
      `${`${f.label}:`.padEnd(width + 1)}${f.value}${f.href && f.href !== f.value ? `\n${' '.repeat(width + 1)}${f.href}` : ''}`,
  );
  return [
    s.heading,
    '',
    s.intro,
    '',
    ...facts,
    ...(s.quote ? ['', `  ${quoteMarks(s.quote)}`] : []),
    '',
    `${s.link.text}: ${s.link.href}`,
  ].join('\n');
}

function footerText(site: EmailSite, links: FooterLinks): string {
  return [
    '--',
    `You get this email because you follow ${links.followed} on ${site.name}.`,
    `Change what you follow: ${links.manage}`,
    `Unsubscribe: ${links.unsubscribe}`,
  ].join('\n');
}

/** The HTML part's templates (src/notifications/email/templates, copied to dist by nest build). */
const templates = createEta(join(__dirname, 'templates'));

/**
 * An email's HTML part from one of the templates. Whitespace runs are collapsed (there is no <pre>):
 * the templates' layout is not worth sending.
 */
function emailHtml(template: 'single' | 'digest' | 'confirmation', data: { title: string } & Record<string, unknown>): string {
  return templates.render(template, data).replace(/\s+/g, ' ');
}

/** One notification as one email. */
export function renderSection(section: EmailSection, site: EmailSite, links: FooterLinks): RenderedEmail {
  return {
    subject: section.subject,
    text: `${sectionText(section)}\n\n${footerText(site, links)}\n`,
    html: emailHtml('single', { title: section.subject, section, site, links }),
  };
}

/** A day's notifications as one email. */
export function renderDigest(localDate: string, sections: EmailSection[], site: EmailSite, links: FooterLinks): RenderedEmail {
  const subject = subjectLine(
    `${site.name} daily digest, ${formatDate(localDate)}: ${sections.length} ${sections.length === 1 ? 'update' : 'updates'}`,
  );
  const contents = sections.map((s, i) => `${i + 1}. ${s.subject}`).join('\n');
  return {
    subject,
    text: `${subject}\n\n${contents}\n\n${sections.map(sectionText).join('\n\n* * *\n\n')}\n\n${footerText(site, links)}\n`,
    html: emailHtml('digest', { title: subject, sections, site, links }),
  };
}

/** The only email an unconfirmed address ever gets. */
export function renderConfirmation(
  c: { confirmUrl: string; expiresAt: Date; followed: string; triggers: string[] },
  site: EmailSite,
): RenderedEmail {
  const subject = `Confirm your ${site.name} subscription`;
  const expires = formatCloses(c.expiresAt.toISOString(), site.timeZone).replace(/^closes /, '');
  const intro = `Someone, probably you, asked ${site.name} to email this address about ${c.followed}.`;
  const ignore = 'If it was not you, ignore this email: nothing more will be sent to this address unless the link is used.';
  return {
    subject,
    text: [
      subject,
      '',
      intro,
      '',
      'You would receive:',
      ...c.triggers.map((t) => `  - ${t}`),
      '',
      `To confirm, open this link (it works until ${expires}):`,
      c.confirmUrl,
      '',
      ignore,
      '',
    ].join('\n'),
    html: emailHtml('confirmation', { title: subject, intro, triggers: c.triggers, confirmUrl: c.confirmUrl, expires, ignore }),
  };
}
