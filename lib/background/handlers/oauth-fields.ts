import { AirlockError } from '../../errors/airlock-error';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A flow, request or grant id: Airlock's own random base64url strings. */
export function idField(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || !ID.test(value)) throw new AirlockError('MESSAGE_MALFORMED', `${field} must be an id`);
  return value;
}

export function textField(record: Record<string, unknown>, field: string, max: number): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new AirlockError('MESSAGE_MALFORMED', `${field} must be a string of 1-${max} characters`);
  }
  return value;
}
