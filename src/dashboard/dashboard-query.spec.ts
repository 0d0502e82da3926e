import { ListRecommendationsQuery } from '../recommendations/dto/list-recommendations.query';
import { queryString } from '../presentation/format';
import { knownAtOf, listOf, pickParams, validateParams } from './dashboard-query';

describe('pickParams', () => {
  it('keeps known keys, drops empty form fields and unknown parameters, keeps repeats as lists', () => {
    expect(
      pickParams({ q: '  foot  ', kind: '', status: ['implemented', '', 'interim'], utm_source: 'x', topic: 'a' }, [
        'q',
        'kind',
        'status',
        'topic',
      ]),
    ).toEqual({ q: 'foot', status: ['implemented', 'interim'], topic: 'a' });
    expect(pickParams(undefined, ['q'])).toEqual({});
  });
});

describe('validateParams', () => {
  it('uses the API DTO: transforms and messages', async () => {
    const ok = await validateParams(ListRecommendationsQuery, {
      status: ['implemented', 'interim'],
      overdue: 'true',
      limit: '5',
    });
    expect(ok.value).toMatchObject({ status: ['implemented', 'interim'], overdue: true, limit: 5 });
    const bad = await validateParams(ListRecommendationsQuery, { status: 'done', limit: '500', asOf: '2021-02-30' });
    expect(bad.value).toBeNull();
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['asOf', 'limit', 'status']);
    expect(bad.errors.find((e) => e.field === 'limit')?.reason).toBe('must be a whole number from 1 to 200');
  });
});

describe('queryString', () => {
  it('repeats list values, skips empty ones, and encodes', () => {
    expect(queryString({ status: ['a', 'b'], q: 'foot pursuit', kind: undefined, topic: '' })).toBe(
      '?status=a&status=b&q=foot+pursuit',
    );
    expect(queryString({})).toBe('');
    expect(listOf({ status: 'a' }, 'status')).toEqual(['a']);
  });
});

describe('knownAtOf', () => {
  it('takes an ISO instant in UTC, and refuses anything else with a reason', () => {
    expect(knownAtOf({})).toEqual({ value: undefined, error: null });
    expect(knownAtOf({ knownAt: '2026-11-30T12:00:00.000Z' })).toEqual({ value: '2026-11-30T12:00:00.000Z', error: null });
    const bad = knownAtOf({ knownAt: '2026-11-30' });
    expect(bad.value).toBeUndefined();
    expect(bad.error).toMatchObject({ field: 'knownAt', in: 'query' });
    expect(bad.error?.reason).toContain('YYYY-MM-DDTHH:MM:SSZ');
    expect(knownAtOf({ knownAt: ['2026-11-30T12:00:00Z', '2026-11-30T13:00:00Z'] }).error?.reason).toBe(
      'knownAt must be a single instant',
    );
  });
});
