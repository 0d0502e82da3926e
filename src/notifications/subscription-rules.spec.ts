import {
  canonicalSettings,
  CONFIRMATIONS_PER_WINDOW,
  DEFAULT_REMINDER_DAYS,
  describeFilter,
  isEmptyFilter,
  matchesFilter,
  mailboxOf,
  mayConfirmAgain,
  normalizeEmail,
  settingsKey,
  SubscriptionFilter,
  TRIGGERS,
} from './subscription-rules';

const filter = (f: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({
  recommendations: [],
  topics: [],
  responsible: [],
  sources: [],
  ...f,
});
const item = {
  recommendation: 'doj-2017-foot-pursuit-policy',
  topics: ['foot-pursuits', 'training'],
  responsible: 'cpd',
  source: 'doj-2017',
};

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada@Example.ORG ')).toBe('ada@example.org');
  });
});

describe('canonicalSettings and settingsKey', () => {
  it('fills in the defaults: every trigger, reminders 30/7/1, no digest', () => {
    expect(canonicalSettings({})).toEqual({
      filter: filter(),
      triggers: [...TRIGGERS],
      reminderDays: DEFAULT_REMINDER_DAYS,
      digest: 'none',
    });
  });

  it('sorts and de-duplicates, so equal settings spelled differently get the same key', () => {
    const a = canonicalSettings({
      filter: { topics: ['b', 'a', 'a'] },
      triggers: ['finding', 'status_change'],
      reminderDays: [1, 7, 7],
    });
    const b = canonicalSettings({ filter: { topics: ['a', 'b'] }, triggers: ['status_change', 'finding'], reminderDays: [7, 1] });
    expect(a).toEqual(b);
    expect(a.reminderDays).toEqual([7, 1]);
    expect(a.triggers).toEqual(['status_change', 'finding']);
    expect(settingsKey(a)).toBe(settingsKey(b));
    expect(settingsKey(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives different keys to different settings', () => {
    const base = canonicalSettings({});
    const keys = new Set([
      settingsKey(base),
      settingsKey({ ...base, digest: 'daily' }),
      settingsKey({ ...base, reminderDays: [7] }),
      settingsKey({ ...base, triggers: ['finding'] }),
      settingsKey({ ...base, filter: filter({ topics: ['x'] }) }),
      settingsKey({ ...base, filter: filter({ sources: ['x'] }) }),
    ]);
    expect(keys.size).toBe(6);
  });
});

describe('matchesFilter', () => {
  it('matches everything with an empty filter', () => {
    expect(isEmptyFilter(filter())).toBe(true);
    expect(matchesFilter(filter(), item)).toBe(true);
  });

  it.each([
    [{ recommendations: ['doj-2017-foot-pursuit-policy'] }, true],
    [{ recommendations: ['other', 'doj-2017-foot-pursuit-policy'] }, true],
    [{ recommendations: ['other'] }, false],
    [{ topics: ['training'] }, true],
    [{ topics: ['use-of-force'] }, false],
    [{ responsible: ['cpd'] }, true],
    [{ responsible: ['city'] }, false],
    [{ sources: ['doj-2017'] }, true],
    [{ sources: ['imt-1'] }, false],
    // Facets combine with AND, slugs within a facet with OR.
    [{ topics: ['training'], responsible: ['cpd'] }, true],
    [{ topics: ['training'], responsible: ['city'] }, false],
  ])('%j matches: %s', (f, expected) => {
    expect(matchesFilter(filter(f), item)).toBe(expected);
  });

  it('does not match a responsible filter for an item with nobody responsible', () => {
    expect(matchesFilter(filter({ responsible: ['cpd'] }), { ...item, responsible: null })).toBe(false);
  });
});

describe('mailboxOf', () => {
  it.each([
    ['Victim@Example.org', 'victim@example.org'],
    ['victim+1@example.org', 'victim@example.org'],
    ['victim+a+b@example.org', 'victim@example.org'],
    ['v.i.c.t.i.m@example.org', 'v.i.c.t.i.m@example.org'],
    ['V.I.C.T.I.M+news@Gmail.com', 'victim@gmail.com'],
    ['vic.tim@googlemail.com', 'victim@gmail.com'],
    ['+only@example.org', '+only@example.org'],
    ['"a+b"@example.org', '"a+b"@example.org'],
  ])('%s reaches the inbox %s', (email, mailbox) => {
    expect(mailboxOf(email)).toBe(mailbox);
  });
});

describe('mayConfirmAgain', () => {
  it(`allows ${CONFIRMATIONS_PER_WINDOW} confirmation emails per window`, () => {
    expect(mayConfirmAgain(0)).toBe(true);
    expect(mayConfirmAgain(CONFIRMATIONS_PER_WINDOW - 1)).toBe(true);
    expect(mayConfirmAgain(CONFIRMATIONS_PER_WINDOW)).toBe(false);
    expect(mayConfirmAgain(4, 5)).toBe(true);
    expect(mayConfirmAgain(1, 1)).toBe(false);
  });
});

describe('describeFilter', () => {
  it('reads as words', () => {
    expect(describeFilter(filter())).toBe('every item in the tracker');
    expect(describeFilter(filter({ topics: ['a', 'b'], sources: ['s'] }))).toBe('topics a, b; sources s');
  });

  it('names items, topics, actors and sources by title when told them, and keeps an unknown slug', () => {
    const names = {
      recommendations: new Map([['doj-2017-x', 'Publish the data']]),
      topics: new Map([['foot-pursuits', 'Foot pursuits']]),
      responsible: new Map([['cpd', 'Chicago Police Department']]),
    };
    expect(
      describeFilter(filter({ recommendations: ['doj-2017-x', 'gone'], topics: ['foot-pursuits'], responsible: ['cpd'] }), names),
    ).toBe('items “Publish the data”, gone; topics Foot pursuits; responsible Chicago Police Department');
  });
});
