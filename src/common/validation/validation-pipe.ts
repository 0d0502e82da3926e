/**
 * The global validation pipe: whitelist, reject unknown fields, transform, and answer with a
 * problem document that names every bad field, where it was, and why.
 */
import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../problem/problem';

export function flattenValidationErrors(errors: ValidationError[], location: FieldError['in'], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({
        field,
        in: location,
        reason:
          rule === 'whitelistValidation'
            ? location === 'query'
              ? 'is not a known parameter'
              : 'is not a known field'
            : message.startsWith(`${e.property} `)
              ? message.slice(e.property.length + 1)
              : message,
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, location, field));
  }
  return out;
}

const LOCATIONS: Record<string, FieldError['in']> = { query: 'query', param: 'path', body: 'body' };

@Injectable()
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      // The location is filled in by transform() below, which knows the argument's metadata.
      exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors, 'body')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const location = LOCATIONS[metadata.type] ?? 'body';
    const isDto =
      typeof metadata.metatype === 'function' && ![String, Number, Boolean, Object, Array].includes(metadata.metatype as never);
    if (metadata.type === 'body' && isDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw ProblemException.validation([{ field: '(body)', in: 'body', reason: 'must be a JSON object' }]);
    }
    try {
      return await super.transform(value ?? (metadata.type === 'query' && isDto ? {} : value), metadata);
    } catch (error) {
      if (error instanceof ProblemException && error.problem.errors) {
        throw ProblemException.validation(
          error.problem.errors.map((e) => ({
            ...e,
            in: location,
            reason: location === 'query' && e.reason === 'is not a known field' ? 'is not a known parameter' : e.reason,
          })),
        );
      }
      throw error;
    }
  }
}
