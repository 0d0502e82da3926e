/** Helpers for composite property decorators (validation and OpenAPI stacks written once). */
import { applyDecorators } from '@nestjs/common';

/**
 * Decorators in the order a stack written above a property lists them. TypeScript applies such a
 * stack from the bottom up, and class-validator reports a field's failed checks in the order they
 * were applied, so this keeps the errors of a bad value in the order they always had.
 */
export const stack = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/** A property decorator built from the name of the property it decorates. */
export const named =
  (build: (name: string) => PropertyDecorator): PropertyDecorator =>
  (target, key) =>
    build(String(key))(target, key);
