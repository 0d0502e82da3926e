/**
 * RFC 9457 problem details. Every error the API returns has this shape, with a field-level
 * `errors` list for validation failures so a client can point at the offending parameter.
 */
import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** The parameter or body field, dotted for nested fields (`evidence.url`, `rows[3].slug`). */
  field: string;
  /** Where it was: query, body, path or header. */
  in: 'query' | 'body' | 'path' | 'header';
  reason: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  /** GET /health when a check is down: each check's state (`up` or `down`), and terminus's details. */
  checks?: Record<string, 'up' | 'down'>;
  details?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const VALIDATION_PROBLEM_TYPE = 'urn:reform-tracker:problem:validation-error';

/** An HttpException that carries a full problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Omit<ProblemDocument, 'instance'>) {
    super(problem, problem.status);
    this.message = problem.detail ?? problem.title;
  }

  static validation(errors: FieldError[], detail?: string): ProblemException {
    return new ProblemException({
      type: VALIDATION_PROBLEM_TYPE,
      title: 'Your request parameters did not validate.',
      status: HttpStatus.BAD_REQUEST,
      detail: detail ?? errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    });
  }

  static notFound(what: string, key: string): ProblemException {
    return new ProblemException({
      type: 'about:blank',
      title: 'Not Found',
      status: HttpStatus.NOT_FOUND,
      detail: `No ${what} with slug "${key}".`,
    });
  }
}
