import { parseSubscriptionForm } from './subscription-form';

describe('parseSubscriptionForm', () => {
  it('reads the subscribe form, with repeated checkboxes and a prefilled item', () => {
    const { input, errors } = parseSubscriptionForm(
      { email: ' a@example.org ', triggers: ['status_change', 'deadline_missed'], recommendation: 'alpha', digest: 'daily' },
      { requireEmail: true },
    );
    expect(errors).toEqual([]);
    expect(input).toEqual({
      email: 'a@example.org',
      filter: { recommendations: ['alpha'], topics: [], responsible: [], sources: [] },
      triggers: ['status_change', 'deadline_missed'],
      reminderDays: undefined,
      digest: 'daily',
    });
  });

  it('reads comma- or space-separated slugs and reminder days from the manage form', () => {
    const { input, errors } = parseSubscriptionForm(
      {
        triggers: 'deadline_reminder',
        recommendations: 'a, b  c',
        topics: 'x',
        responsible: 'cpd',
        sources: '',
        reminderDays: '14, 2 0',
      },
      { requireEmail: false },
    );
    expect(errors).toEqual([]);
    expect(input.filter).toEqual({ recommendations: ['a', 'b', 'c'], topics: ['x'], responsible: ['cpd'], sources: [] });
    expect(input.reminderDays).toEqual([14, 2, 0]);
    expect(input.digest).toBe('none');
  });

  it('takes the ticked boxes of what is followed and the page addresses a reader pasted, each once', () => {
    const { input, errors } = parseSubscriptionForm(
      {
        triggers: 'status_change',
        recommendations: [
          'alpha',
          'https://tracker.example.org/recommendations/bravo?asOf=2021-07-01#deadlines',
          '/recommendations/alpha',
        ],
        responsible: ['', 'http://192.0.2.2:3000/actors/mayor-of-chicago/'],
        sources: 'https://tracker.example.org/sources/doj-2017, cbs-2021-04-28',
      },
      { requireEmail: false },
    );
    expect(errors).toEqual([]);
    expect(input.filter).toEqual({
      recommendations: ['alpha', 'bravo'],
      topics: [],
      responsible: ['mayor-of-chicago'],
      sources: ['doj-2017', 'cbs-2021-04-28'],
    });
  });

  it.each([
    [{ triggers: 'finding' }, 'email'],
    [{ email: 'nope', triggers: 'finding' }, 'email'],
    [{ email: 'a@example.org' }, 'triggers'],
    [{ email: 'a@example.org', triggers: 'gossip' }, 'triggers'],
    [{ email: 'a@example.org', triggers: 'finding', digest: 'weekly' }, 'digest'],
    [{ email: 'a@example.org', triggers: 'finding', reminderDays: '7, -1' }, 'reminderDays'],
    [{ email: 'a@example.org', triggers: 'finding', reminderDays: '400' }, 'reminderDays'],
    [{ email: 'a@example.org', triggers: 'finding', topics: 'Not A Slug!' }, 'topics'],
  ])('%j is refused on %s', (body, field) => {
    expect(parseSubscriptionForm(body, { requireEmail: true }).errors.map((e) => e.field)).toContain(field);
  });

  it('survives a missing body', () => {
    expect(parseSubscriptionForm(undefined, { requireEmail: false }).errors.map((e) => e.field)).toEqual(['triggers']);
  });
});
