import { cursorScope, listSort } from './recommendation-sort';

describe('the list order and what a cursor is bound to', () => {
  it('sorts by relevance when searching and by slug otherwise, unless a sort is given', () => {
    expect(listSort({})).toBe('slug');
    expect(listSort({ q: 'pursuit' })).toBe('relevance');
    expect(listSort({ q: 'pursuit', sort: '-date' })).toBe('-date');
  });

  it('lists a common search in slug order, unless a sort is given', () => {
    expect(listSort({ q: 'pursuit' }, true)).toBe('slug');
    expect(listSort({ q: 'pursuit', sort: 'title' }, true)).toBe('title');
    expect(cursorScope({ q: 'pursuit', limit: 5 }, true)).toEqual({ q: 'pursuit', sort: 'slug' });
  });

  it('binds a cursor to every filter and the order, not to the page size or the cursor itself', () => {
    expect(cursorScope({ status: ['in_progress'], overdue: undefined, limit: 10, cursor: 'abc' })).toEqual({
      status: ['in_progress'],
      overdue: undefined,
      sort: 'slug',
    });
    expect(cursorScope({ q: 'pursuit', limit: 5 })).toEqual({ q: 'pursuit', sort: 'relevance' });
    expect(cursorScope({ sort: 'title' })).toEqual({ sort: 'title' });
  });
});
