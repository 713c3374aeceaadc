import { AirlockError } from '../errors/airlock-error';

/** Small, strict readers for message payloads: each throws MESSAGE_MALFORMED naming the field. */
export function objectPayload(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AirlockError('MESSAGE_MALFORMED', 'payload must be an object');
  }
  return value as Record<string, unknown>;
}

export function intField(record: Record<string, unknown>, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AirlockError('MESSAGE_MALFORMED', `${field} must be a non-negative integer`);
  }
  return value;
}

export function boolField(record: Record<string, unknown>, field: string): boolean {
  const value = record[field];
  if (typeof value !== 'boolean') throw new AirlockError('MESSAGE_MALFORMED', `${field} must be a boolean`);
  return value;
}

export function oneOfField<T extends string>(record: Record<string, unknown>, field: string, options: readonly T[]): T {
  const value = record[field];
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new AirlockError('MESSAGE_MALFORMED', `${field} must be one of ${options.join(', ')}`);
  }
  return value as T;
}
