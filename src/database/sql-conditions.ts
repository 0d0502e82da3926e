/**
 * The WHERE clause of a filtered read, built a condition at a time: each condition comes with the
 * values of its `?` placeholders, so the two never drift apart. Plain SQL, the same on every dialect.
 */
export class SqlConditions {
  private readonly conditions: string[] = [];
  /** The placeholders' values, in the order the conditions were added. */
  readonly params: unknown[] = [];

  /** Adds `condition`, whose `?` placeholders take `params` in order. */
  add(condition: string, ...params: unknown[]): void {
    this.conditions.push(condition);
    this.params.push(...params);
  }

  /** `WHERE a AND b …`, or nothing when no condition was added. */
  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
