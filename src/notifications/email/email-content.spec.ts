import { closesAt } from '../../deadlines/rules/deadline-clock';
import type { DeadlineView } from '../../deadlines/deadline-view';
import type { FindingView, StatusChangeView } from '../../recommendations/dto/recommendation.response';
import {
  findingSection,
  ItemContext,
  missedSection,
  outcomeSection,
  reminderSection,
  renderConfirmation,
  renderDigest,
  renderSection,
  statusChangeSection,
} from './email-content';

const CHI = 'America/Chicago';
const site = { name: 'Reform Tracker', timeZone: CHI, now: new Date('2021-05-24T17:00:00Z'), url: 'https://t.example.org' };
const links = {
  followed: 'every item in the tracker',
  manage: 'https://t.example.org/m?token=M',
  unsubscribe: 'https://t.example.org/u?token=U',
};
const item: ItemContext = {
  slug: 'mayor-2021-foot-pursuit-policy',
  title: 'A new <foot pursuit> policy',
  url: 'https://t.example.org/recommendations/mayor-2021-foot-pursuit-policy',
  status: 'interim',
  statusAsOf: '2021-05-26',
  statusBy: 'Reform Tracker editors',
  statusEntryId: 5,
  evidence: {
    source: { slug: 'cpd', title: 'CPD interim policy' },
    url: 'https://example.org/policy',
    excerpt: null,
    pinpoint: 'p. 2',
    via: null,
  },
};
const deadline = (over: Partial<DeadlineView> = {}): DeadlineView => ({
  id: 1,
  slug: 'may',
  recommendation: { slug: item.slug, title: item.title },
  label: 'sometime in May',
  labelIsVerbatim: true,
  labelAttribution: null,
  dateInferred: null,
  due: '2021-05',
  precision: 'month',
  closesAt: closesAt('2021-05', 'month', CHI).toISOString(),
  state: 'open',
  metOn: null,
  metLate: null,
  fulfilledOn: null,
  overdue: false,
  daysLate: null,
  daysRemaining: 8,
  extendedBy: null,
  extends: null,
  authority: 'official_promise',
  setBy: { slug: 'mayor', title: 'Mayor of Chicago' },
  setOn: null,
  source: null,
  evidence: null,
  note: null,
  version: 1,
  ...over,
});

describe('reminder emails', () => {
  const email = renderSection(reminderSection(item, deadline(), site), site, links);

  it('says which deadline, in its words, when it closes in the tracker zone, and the status with evidence', () => {
    expect(email.subject).toBe('Reminder: “sometime in May” — 8 days left (A new <foot pursuit> policy)');
    expect(email.text).toContain('Deadline, in the original words: “sometime in May”');
    expect(email.text).toContain('Due:');
    expect(email.text).toContain('May 2021');
    expect(email.text).toContain('12:00 a.m. June 1, 2021 (America/Chicago)');
    expect(email.text).toContain('Set by:');
    expect(email.text).toContain('Interim measure in force, as of May 26, 2021 (Reform Tracker editors)');
    expect(email.text).toContain('CPD interim policy, p. 2');
    expect(email.text).toContain('https://example.org/policy');
    // The item's status and its evidence are labelled as such, not read as the deadline's evidence.
    expect(email.text).toContain('Evidence for the current status:');
    expect(email.text).toContain('https://t.example.org/actors/mayor');
    expect(email.text).toContain(`See the item, its deadlines and its evidence: ${item.url}`);
    expect(email.text).toContain('Unsubscribe: https://t.example.org/u?token=U');
  });

  it('escapes everything in the HTML part', () => {
    expect(email.html).toContain('A new &lt;foot pursuit&gt; policy');
    expect(email.html).not.toContain('<foot pursuit>');
    expect(email.html).toContain('<a href="https://t.example.org/u?token=U">Unsubscribe</a>');
    expect(email.html).toMatch(/^<!doctype html>\s*<html lang="en">/);
  });

  it("counts what is left as the API's daysRemaining does, and names the close", () => {
    expect(reminderSection(item, deadline({ daysRemaining: 1 }), site).intro).toBe(
      'The deadline “sometime in May” (May 2021) is still open: 1 day left; it closes 12:00 a.m. June 1, 2021 (America/Chicago).',
    );
    expect(reminderSection(item, deadline({ daysRemaining: 12 }), site).subject).toContain('— 12 days left (');
  });

  it('links the source a deadline was stated in to its page', () => {
    const s = reminderSection(item, deadline({ source: { slug: 'mayor-letter', title: 'Letter' } }), site);
    expect(s.facts).toContainEqual({ label: 'Stated in', value: 'Letter', href: 'https://t.example.org/sources/mayor-letter' });
  });
});

describe('deadline wording in emails', () => {
  it("puts only the setter's own words in quotation marks, and says whose wording a paraphrase is", () => {
    const paraphrase = deadline({
      label: 'before the start of summer',
      labelIsVerbatim: false,
      labelAttribution: "Police Magazine's paraphrase",
    });
    const s = reminderSection(item, paraphrase, site);
    expect(s.subject).not.toContain('“');
    expect(s.intro).toContain("before the start of summer (Police Magazine's paraphrase)");
    expect(s.facts).toContainEqual({
      label: 'Deadline, as worded by others',
      value: "before the start of summer (Police Magazine's paraphrase)",
    });
    expect(reminderSection(item, deadline(), site).facts).toContainEqual({
      label: 'Deadline, in the original words',
      value: '“sometime in May”',
    });
  });
});

describe('deadline outcome emails', () => {
  it('name the outcome as the pages do, with the replacing deadline of an extension', () => {
    const withdrawn = outcomeSection(item, deadline({ state: 'withdrawn', note: 'Dropped by the city.' }), undefined, site);
    expect(withdrawn.subject).toBe('Deadline withdrawn: “sometime in May” (May 2021) — A new <foot pursuit> policy');
    expect(withdrawn.facts).toContainEqual({ label: 'Outcome', value: 'Withdrawn' });
    expect(withdrawn.facts).toContainEqual({ label: 'Note', value: 'Dropped by the city.' });
    const later = deadline({ label: 'by the end of June', due: '2021-06-30', precision: 'day' });
    const extended = outcomeSection(item, deadline({ state: 'extended' }), later, site);
    expect(extended.intro).toBe(
      'The deadline “sometime in May” (May 2021): Extended: replaced by a later deadline; it now runs to June 30, 2021.',
    );
    expect(extended.facts).toContainEqual({ label: 'Replaced by', value: '“by the end of June”' });
  });
});

describe('missed emails', () => {
  it("count the days since the close as the API's daysLate does", () => {
    const s = missedSection(item, deadline({ overdue: true, daysRemaining: null, daysLate: 3 }), site);
    // Open past its close: it has passed unmet so far, which is not a finding that it was missed.
    expect(s.subject).toBe('Passed, not recorded as met: “sometime in May” (May 2021) — A new <foot pursuit> policy');
    expect(s.intro).toContain('closed 3 days ago and has not been recorded as met');
    const missed = missedSection(item, deadline({ state: 'missed', daysLate: 3 }), site);
    expect(missed.subject).toBe('Missed: “sometime in May” (May 2021) — A new <foot pursuit> policy');
    expect(missed.intro).toContain('was recorded as missed');
    expect(missedSection(item, deadline({ overdue: true, daysRemaining: null, daysLate: 0 }), site).intro).toContain(
      'closed less than a day ago',
    );
  });
});

describe('status change and finding emails', () => {
  const change: StatusChangeView = {
    id: 5,
    slug: 'sc',
    status: 'interim',
    effectiveOn: '2021-05-26',
    effectivePrecision: 'day',
    dateInferred: null,
    recordedAt: '2021-05-27T00:00:00.000Z',
    assessor: { slug: 'tracker-editors', title: 'Reform Tracker editors' },
    evidence: {
      source: { slug: 'cpd', title: 'CPD interim policy' },
      url: null,
      excerpt: 'Officers shall not pursue…',
      pinpoint: null,
      via: null,
    },
    note: 'Effective June 11.',
    retracted: false,
    retracts: null,
    retractedBy: null,
  };

  const news = { previous: { status: 'accepted', effectiveOn: '2021-02-01', effectivePrecision: 'month' }, current: true };

  it('give the previous and the new status, who says so, when, and the evidence (linked) with its excerpt', () => {
    const s = statusChangeSection(item, change, news, site);
    expect(s.subject).toBe('A new <foot pursuit> policy: Accepted → Interim measure in force');
    expect(s.intro).toBe(
      'Reform Tracker editors assessed the status as “Interim measure in force” as of May 26, 2021; it was “Accepted”.',
    );
    expect(s.facts).toContainEqual({ label: 'Previous status', value: 'Accepted (as of February 2021)' });
    expect(s.facts).toContainEqual({ label: 'Evidence', value: 'CPD interim policy', href: 'https://t.example.org/sources/cpd' });
    expect(s.quote).toBe('Officers shall not pursue…');
    expect(s.facts).toContainEqual({ label: 'Note', value: 'Effective June 11.' });
    // It is the headline entry: no separate "Current status" row repeating it.
    expect(s.facts.map((f) => f.label)).not.toContain('Current status');
    expect(statusChangeSection(item, { ...change, retracts: 4 }, news, site).subject).toMatch(/^Correction: /);
    expect(statusChangeSection(item, change, { previous: null, current: true }, site).facts).toContainEqual({
      label: 'Previous status',
      value: 'none recorded',
    });
  });

  it("tell a backdated entry as history, with the item's current status, never as news", () => {
    const stalled = { ...item, status: 'stalled', statusAsOf: '2026-11-29', statusEntryId: 9 };
    const old = { ...change, status: 'unclear' as const, effectiveOn: '2019-03-01' };
    const s = statusChangeSection(stalled, old, { previous: null, current: false }, site);
    expect(s.subject).toBe(
      'Added to the record: A new <foot pursuit> policy: Unclear as of March 1, 2019 (current status: Stalled)',
    );
    expect(s.intro).toContain('It does not change the current status, which is “Stalled, as of November 29, 2026');
    expect(s.facts).toContainEqual({
      label: 'Current status',
      value: 'Stalled, as of November 29, 2026 (Reform Tracker editors)',
    });
  });

  it('flag a regression in a finding', () => {
    const finding: FindingView = {
      id: 2,
      slug: 'f',
      assessor: { slug: 'imt', title: 'Independent Monitoring Team' },
      report: { slug: 'imr-6', title: 'Sixth monitoring report' },
      periodStart: '2022-01-01',
      periodEnd: '2022-06-30',
      filedOn: null,
      level: 'preliminary',
      previousLevel: 'secondary',
      regression: true,
      deadlineMet: null,
      summary: 'Lost secondary compliance.',
      deadlinesClosedInPeriod: [],
    };
    const s = findingSection(item, finding, site);
    expect(s.subject).toBe('Monitor finding: A new <foot pursuit> policy: Preliminary compliance (regression)');
    expect(s.intro).toContain('down from secondary compliance');
    expect(s.intro).toContain('It failed to maintain compliance.');
    expect(s.facts).toContainEqual({
      label: 'Report',
      value: 'Sixth monitoring report',
      href: 'https://t.example.org/sources/imr-6',
    });
  });
});

describe('digests and confirmations', () => {
  it('combine sections into one email with a table of contents', () => {
    const sections = [reminderSection(item, deadline(), site), reminderSection(item, deadline({ label: 'by June' }), site)];
    const d = renderDigest('2021-05-24', sections, site, links);
    expect(d.subject).toBe('Reform Tracker daily digest, May 24, 2021: 2 updates');
    expect(d.text).toContain('1. Reminder: “sometime in May”');
    expect(d.text).toContain('2. Reminder: “by June”');
    expect(d.html.match(/<h2/g)).toHaveLength(2);
  });

  it('ask for confirmation with the link and its expiry, and say nothing more will come otherwise', () => {
    const c = renderConfirmation(
      {
        confirmUrl: 'https://t.example.org/subscriptions/confirm?token=T',
        expiresAt: new Date('2021-05-26T17:00:00Z'),
        followed: 'topics training',
        triggers: ['Status changes'],
      },
      site,
    );
    expect(c.subject).toBe('Confirm your Reform Tracker subscription');
    expect(c.text).toContain('https://t.example.org/subscriptions/confirm?token=T');
    expect(c.text).toContain('12:00 p.m. May 26, 2021 (America/Chicago)');
    expect(c.text).toContain('nothing more will be sent');
    expect(c.html).toContain('href="https://t.example.org/subscriptions/confirm?token=T"');
  });

  it('keeps subjects on one line and bounded', () => {
    const s = reminderSection({ ...item, title: `Long\n${'x'.repeat(300)}` }, deadline(), site);
    expect(s.subject.length).toBeLessThanOrEqual(200);
    expect(s.subject).not.toMatch(/[\r\n]/);
  });
});
