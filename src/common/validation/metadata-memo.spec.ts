import { validateSync } from 'class-validator';
import { SlugField, TextField } from './fields';
import { memoiseValidationMetadata } from './metadata-memo';

class Parent {
  @SlugField(20) slug: string;
}
class Child extends Parent {
  @TextField(5) note: string;
}

const reasons = (o: object) =>
  validateSync(o, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }).map((e) => [
    e.property,
    Object.values(e.constraints ?? {}).join('; '),
  ]);

describe('memoiseValidationMetadata', () => {
  it('gives the same answers, inherited fields and unknown ones included, on every call', () => {
    memoiseValidationMetadata();
    const bad = Object.assign(new Child(), { slug: 'Not A Slug', note: 'far too long', extra: 1 });
    const expected = [
      ['extra', 'property extra should not exist'],
      ['note', 'note must be at most 5 characters'],
      ['slug', 'slug must be a slug (lowercase letters, digits and hyphens)'],
    ];
    for (let i = 0; i < 3; i++) expect(reasons(bad).sort()).toEqual(expected);
    expect(reasons(Object.assign(new Child(), { slug: 'ok', note: 'fine' }))).toEqual([]);
  });

  it('sees a field added to a class after its lookup was remembered', () => {
    memoiseValidationMetadata();
    class Growing {
      @SlugField(20) slug: string;
    }
    expect(reasons(Object.assign(new Growing(), { slug: 'ok', code: 'toolong' }))).toEqual([
      ['code', 'property code should not exist'],
    ]);
    SlugField(3)(Growing.prototype, 'code');
    expect(reasons(Object.assign(new Growing(), { slug: 'ok', code: 'toolong' }))).toEqual([
      ['code', 'code must be at most 3 characters'],
    ]);
  });
});
