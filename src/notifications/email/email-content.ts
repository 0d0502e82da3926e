// The words of every notification email, text and HTML, from the same views the API serves. Pure:
// the dispatcher gathers the views and links, these functions decide what the reader sees. The text
// part is built here; the HTML part is the Eta templates in ./templates (every value escaped).

import { findingLevel, formatCloses, formatDate, formatDue, isWebUrl, statusLabel } from '../../presentation/format';
import { assessDeadline } from '../../deadlines/rules/deadline-clock';
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
}

/** The item an email is about, with its headline status and that status's evidence. */
export interface ItemContext {
  slug: string;
  title: string;
  url: string;
  status: string;
  statusAsOf: string | null;
  statusBy: string | null;
  evidence: EvidenceView | null;
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
/** "1 day", "7 days" (the dashboard's days() builds a number formatter per call, too slow for bulk email). */
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const MAX_SUBJECT = 200;
const subjectLine = (s: string) => (s.length > MAX_SUBJECT ? `${s.slice(0, MAX_SUBJECT - 1)}…` : s).replace(/[\r\n]+/g, ' ');

function evidenceFacts(evidence: EvidenceView | null): EmailSection['facts'] {
  if (!evidence) return [];
  const where = [evidence.source?.title, evidence.pinpoint].filter(Boolean).join(', ');
  const facts: EmailSection['facts'] = [];
  if (where || isWebUrl(evidence.url)) {
    facts.push({
      label: 'Evidence',
      value: where || (evidence.url ?? ''),
      href: isWebUrl(evidence.url) ? evidence.url : undefined,
    });
  }
  return facts;
}

function statusFacts(item: ItemContext): EmailSection['facts'] {
  const asOf = item.statusAsOf ? `, as of ${formatDate(item.statusAsOf)}` : '';
  const by = item.statusBy ? ` (${item.statusBy})` : '';
  return [{ label: 'Current status', value: `${statusLabel(item.status)}${asOf}${by}` }, ...evidenceFacts(item.evidence)];
}

function deadlineFacts(d: DeadlineView, timeZone: string, closed: boolean): EmailSection['facts'] {
  const facts: EmailSection['facts'] = [
    { label: 'Item', value: d.recommendation.title },
    d.labelIsVerbatim
      ? { label: 'Deadline, in the original words', value: quoteMarks(d.label) }
      : { label: 'Deadline, as worded by others', value: labelOf(d) },
    { label: 'Due', value: formatDue(d.due, d.precision) },
    { label: closed ? 'Closed' : 'Closes', value: formatCloses(d.closesAt, timeZone, closed).replace(/^clos(es|ed) /, '') },
  ];
  if (d.setBy) facts.push({ label: 'Set by', value: d.setBy.title });
  if (d.source) facts.push({ label: 'Stated in', value: d.source.title });
  return facts;
}

/** "closes in 7 days", "closes tomorrow", "ends today". */
function leftPhrase(daysLeft: number): string {
  if (daysLeft <= 0) return 'its last day is today';
  if (daysLeft === 1) return 'its last day is tomorrow';
  return `its last day is in ${days(daysLeft)}`;
}

export function reminderSection(item: ItemContext, d: DeadlineView, daysLeft: number, site: EmailSite): EmailSection {
  return {
    subject: subjectLine(
      `Reminder: ${d.labelIsVerbatim ? quoteMarks(d.label) : d.label} — ${leftPhrase(daysLeft)} (${item.title})`,
    ),
    heading: `Deadline reminder: ${item.title}`,
    intro: `The deadline ${labelOf(d)} (${formatDue(d.due, d.precision)}) is still open: ${leftPhrase(daysLeft)}.`,
    facts: [...deadlineFacts(d, site.timeZone, false), ...statusFacts(item)],
    link: { href: item.url, text: 'See the item, its deadlines and its evidence' },
  };
}

export function missedSection(item: ItemContext, d: DeadlineView, site: EmailSite): EmailSection {
  const a = assessDeadline(
    { closesAt: new Date(d.closesAt), state: d.state, metOn: d.metOn, settledOn: null },
    { now: site.now, timeZone: site.timeZone },
  );
  const late = a.daysLate ? `${days(a.daysLate)} ago` : 'less than a day ago';
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
    facts: [...deadlineFacts(d, site.timeZone, true), ...statusFacts(item)],
    link: { href: item.url, text: 'See the item, its deadlines and its evidence' },
  };
}

export function statusChangeSection(item: ItemContext, c: StatusChangeView): EmailSection {
  const correction = c.retracts !== null;
  if (c.status === null) return retractionSection(item, c);
  const facts: EmailSection['facts'] = [
    { label: 'Item', value: item.title },
    { label: 'Status', value: statusLabel(c.status) },
    { label: 'Effective', value: formatDate(c.effectiveOn, c.effectivePrecision) },
    { label: 'Assessed by', value: c.assessor.title },
    ...evidenceFacts(c.evidence),
  ];
  if (c.note) facts.push({ label: 'Note', value: c.note });
  return {
    subject: subjectLine(`${correction ? 'Correction: ' : ''}${item.title}: ${statusLabel(c.status)}`),
    heading: `${correction ? 'Corrected status' : 'Status change'}: ${item.title}`,
    intro: `${correction ? 'A correction withdraws an earlier entry. ' : ''}As of ${formatDate(c.effectiveOn, c.effectivePrecision)}, ${c.assessor.title} says the status is “${statusLabel(c.status)}”.`,
    facts,
    quote: c.evidence.excerpt,
    link: { href: item.url, text: 'See the item and its full history' },
  };
}

/** A correction that withdraws an earlier entry without stating a new status. */
function retractionSection(item: ItemContext, c: StatusChangeView): EmailSection {
  const facts: EmailSection['facts'] = [
    { label: 'Item', value: item.title },
    { label: 'Withdrawn by', value: c.assessor.title },
    ...statusFacts(item),
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

export function findingSection(item: ItemContext, f: FindingView): EmailSection {
  const regression = f.regression ? ` — down from ${findingLevel(f.previousLevel).toLowerCase()}` : '';
  return {
    subject: subjectLine(`Monitor finding: ${item.title}: ${findingLevel(f.level)}${f.regression ? ' (regression)' : ''}`),
    heading: `Monitor finding: ${item.title}`,
    intro: `${f.assessor.title} rated the period ${formatDate(f.periodStart)} – ${formatDate(f.periodEnd)}: ${findingLevel(f.level)}${regression}.${f.regression ? ' It failed to maintain compliance.' : ''}`,
    facts: [
      { label: 'Item', value: item.title },
      { label: 'Report', value: f.report.title },
      ...(f.deadlineMet === null ? [] : [{ label: 'Deadline met', value: f.deadlineMet ? 'yes' : 'no' }]),
      ...statusFacts(item),
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
