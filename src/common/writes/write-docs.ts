/** OpenAPI decorators shared by the editing routes. */
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../api-docs';

/** OpenAPI for the answers every PATCH can give besides 200. */
export const ApiPatchProblems = (what: string) =>
  ApiProblems(
    [404, `No ${what} with that key.`],
    [412, `If-Match names an older version: someone changed the ${what} since you read it.`],
    [428, 'If-Match is missing: send the ETag you read.'],
  );

export const IfMatchHeader = (required: boolean) =>
  ApiHeader({
    name: 'If-Match',
    required,
    description: required
      ? 'The ETag of the version you edited (from GET or the last write). Required: 428 without it, 412 when stale.'
      : 'Optional: when sent, the write happens only if it names the current version (412 otherwise).',
  });
