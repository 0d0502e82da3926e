/** Decorators that describe the problem+json answers every route can give, for the OpenAPI document. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

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
