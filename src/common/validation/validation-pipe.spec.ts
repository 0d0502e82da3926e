import { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ProblemException } from '../problem/problem';
import { ToInt, ToStringList } from '../query/query-transforms';
import { ProblemValidationPipe } from './validation-pipe';

class PageQuery {
  @IsOptional()
  @ToStringList()
  @IsIn(['open', 'closed'], { each: true })
  state?: string[];

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const asQuery: ArgumentMetadata = { type: 'query', metatype: PageQuery };
const problemOf = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    return error instanceof ProblemException ? error.problem : error;
  }
  throw new Error('expected a refusal');
};

describe('ProblemValidationPipe, queries it has seen', () => {
  const pipe = new ProblemValidationPipe();

  it('gives the same parameters the same result again, as a copy of its own', async () => {
    const first = (await pipe.transform({ state: 'open,closed', limit: '5' }, asQuery)) as PageQuery;
    expect(first).toBeInstanceOf(PageQuery);
    expect(first).toEqual({ state: ['open', 'closed'], limit: 5 });
    first.state!.push('changed by a handler');
    first.limit = 99;
    const again = (await pipe.transform({ state: 'open,closed', limit: '5' }, asQuery)) as PageQuery;
    expect(again).toBeInstanceOf(PageQuery);
    expect(again).toEqual({ state: ['open', 'closed'], limit: 5 });
    expect(again).not.toBe(first);
  });

  it('still refuses a bad query every time, naming the parameter, after good ones', async () => {
    await pipe.transform({ limit: '5' }, asQuery);
    for (let i = 0; i < 2; i++) {
      expect(await problemOf(pipe.transform({ limit: '500' }, asQuery))).toMatchObject({
        status: 400,
        errors: [{ field: 'limit', in: 'query' }],
      });
      expect(await problemOf(pipe.transform({ limit: '5', other: 'x' }, asQuery))).toMatchObject({
        errors: [{ field: 'other', in: 'query', reason: 'is not a known parameter' }],
      });
    }
  });

  it('keeps different parameters apart, and no parameters is a query too', async () => {
    expect(await pipe.transform({ limit: '7' }, asQuery)).toEqual({ limit: 7 });
    expect(await pipe.transform({ limit: '8' }, asQuery)).toEqual({ limit: 8 });
    expect(await pipe.transform(undefined, asQuery)).toEqual({});
    expect(await pipe.transform(undefined, asQuery)).toBeInstanceOf(PageQuery);
  });
});
