/** Decorators that describe the problem+json answers every route can give, for the OpenAPI document. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

export class FieldErrorDoc {
  @ApiProperty({ example: 'limit' }) field: string;
  @ApiProperty({ enum: ['query', 'body', 'path', 'header'] }) in: string;
  @ApiProperty({ example: 'limit must be a whole number from 1 to 200' }) reason: string;
}

export class ProblemDoc {
  @ApiProperty({ example: 'urn:reform-tracker:problem:validation-error' }) type: string;
  @ApiProperty({ example: 'Your request parameters did not validate.' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ required: false }) detail?: string;
  @ApiProperty({ required: false, example: '/api/v1/recommendations' }) instance?: string;
  @ApiProperty({ type: [FieldErrorDoc], required: false }) errors?: FieldErrorDoc[];
}

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDoc' } } },
  });

export const ApiBadRequest = () => problem(400, 'A parameter is invalid or unknown; `errors` names it and says why.');
export const ApiNotFound = (what: string) => problem(404, `No ${what} with that slug.`);
export const ApiProblems = (...statuses: Array<[number, string]>) => applyDecorators(...statuses.map(([s, d]) => problem(s, d)));

/** A string property of a response that is null when there is none. */
export const NullableString = () => ApiProperty({ type: String, nullable: true });

/** The API's sections in the order a reader meets them: public reads, then editing, then administration. */
export const API_SECTIONS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'recommendations', description: 'Recommendations, requirements and promises, with status, history and deadlines.' },
  { name: 'deadlines', description: 'Every deadline, when it closes and how it ended.' },
  { name: 'sources', description: 'Reports, decrees, statements and news the record cites.' },
  { name: 'actors', description: 'Who recommends, promises, is responsible, and assesses.' },
  { name: 'topics', description: 'The topics items are filed under.' },
  { name: 'events', description: 'Dated events that give the timelines their context.' },
  { name: 'links', description: 'How items relate (one implements, supersedes or follows up another).' },
  { name: 'stats', description: 'Counts and progress.' },
  { name: 'feeds', description: 'Atom and iCalendar feeds.' },
  { name: 'import and export', description: 'The whole record as JSON or CSV (import needs an editor key).' },
  { name: 'subscriptions', description: 'Email alerts for readers.' },
  { name: 'health', description: 'Liveness and readiness.' },
  { name: 'findings', description: 'Monitor findings (editors).' },
  { name: 'notifications', description: 'The email outbox (admin).' },
  { name: 'subscribers (admin)', description: 'Suppressions, unsubscribes and erasure (admin).' },
  { name: 'keys', description: 'API keys (admin).' },
  { name: 'audit', description: 'Who changed what (admin).' },
];

/**
 * Lists public reads before the operations that need a key: the sections in API_SECTIONS order
 * (any other after them), and every path with a public GET before the paths without one.
 */
export function readersFirst(document: OpenAPIObject): OpenAPIObject {
  const used: string[] = [];
  for (const ops of Object.values(document.paths)) {
    for (const op of Object.values(ops))
      for (const tag of (op as { tags?: string[] }).tags ?? []) if (!used.includes(tag)) used.push(tag);
  }
  const known = API_SECTIONS.filter((s) => used.includes(s.name));
  const others = used.filter((t) => !API_SECTIONS.some((s) => s.name === t)).map((name) => ({ name }));
  const publicRead = (ops: OpenAPIObject['paths'][string]) => {
    const get = ops.get;
    return get !== undefined && !(get.security?.length ?? 0);
  };
  const entries = Object.entries(document.paths);
  const paths = Object.fromEntries([
    ...entries.filter(([, ops]) => publicRead(ops)),
    ...entries.filter(([, ops]) => !publicRead(ops)),
  ]);
  return { ...document, tags: [...known, ...others], paths };
}
