import type { DeadlineView } from '../deadlines/deadline-view';
import type { RecommendationDetail } from '../recommendations/dto/recommendation.response';
import { itemCard, wrapText } from './share-card';

describe('wrapText', () => {
  it('breaks at spaces within the width', () => {
    expect(wrapText('Develop a formal foot pursuit policy', 16, 3)).toEqual(['Develop a formal', 'foot pursuit', 'policy']);
  });

  it('ends the last line with an ellipsis when text is left out', () => {
    const lines = wrapText('one two three four five six seven', 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(9);
  });

  it('cuts a word longer than the width', () => {
    expect(wrapText('abcdefghijkl', 5, 1)).toEqual(['abcd…']);
  });
});

describe('itemCard', () => {
  const deadline = (label: string, labelIsVerbatim: boolean, extra: object) =>
    ({
      id: 1,
      slug: 'd',
      label,
      labelIsVerbatim,
      labelAttribution: labelIsVerbatim ? null : 'a reporter’s wording',
      due: '2021-09',
      precision: 'month',
      state: 'missed',
      overdue: false,
      daysLate: 264,
      daysRemaining: null,
      metOn: null,
      metLate: null,
      fulfilledOn: '2022-06-21',
      ...extra,
    }) as unknown as DeadlineView;
  const item = (deadlines: DeadlineView[]) =>
    ({
      kind: 'commitment',
      title: 'A new policy before the summer',
      status: 'partially_implemented',
      statusAsOf: '2022-06-21',
      responsible: { slug: 'mayor', title: 'Mayor of Chicago' },
      deadlines,
    }) as unknown as RecommendationDetail;

  it('leads each deadline with its outcome and quotes only a verbatim label', () => {
    const card = itemCard(item([deadline('in September', true, {}), deadline('by fall', false, {})]), 'Site');
    expect(card.status).toBe('Status: Partially implemented since June 21, 2022');
    expect(card.lines[0]).toBe('Missed; done 264 days late (on June 21, 2022): “in September” (September 2021)');
    expect(card.lines[1]).toContain('by fall (a reporter’s wording');
    expect(card.lines[1]).not.toContain('“by fall”');
    expect(card.kicker).toBe('Commitment · responsible: Mayor of Chicago');
  });

  it('leaves withdrawn deadlines out and counts what does not fit', () => {
    const many = [1, 2, 3, 4, 5].map((i) => deadline(`promise ${i}`, true, { id: i }));
    const card = itemCard(item([...many, deadline('gone', true, { state: 'withdrawn' })]), 'Site');
    expect(card.lines).toHaveLength(4);
    expect(card.lines[3]).toBe('and 2 more deadlines');
  });
});
