import { AirlockError } from '../errors/airlock-error';
import { objectPayload } from '../messaging/parse';
import type { VaultEntryInput, VaultEntryPatch, VaultMatchMode } from './views';

const MAX_TEXT = 64 * 1024;

export function stringField(record: Record<string, unknown>, field: string, max = MAX_TEXT): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length > max) throw new AirlockError('MESSAGE_MALFORMED', `${field} must be a string`);
  return value;
}

function optionalString(record: Record<string, unknown>, field: string): string | undefined {
  return record[field] === undefined ? undefined : stringField(record, field);
}

function nullableString(record: Record<string, unknown>, field: string): string | null | undefined {
  return record[field] === null ? null : optionalString(record, field);
}

function matchModeOf(record: Record<string, unknown>): VaultMatchMode | undefined {
  const value = record.matchMode;
  if (value === undefined) return undefined;
  if (value !== 'exact' && value !== 'site') throw new AirlockError('MESSAGE_MALFORMED', 'matchMode must be exact or site');
  return value;
}

function originsOf(record: Record<string, unknown>): string[] | undefined {
  const value = record.origins;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 64 || !value.every((o) => typeof o === 'string' && o.length <= 2048)) {
    throw new AirlockError('MESSAGE_MALFORMED', 'origins must be a list of strings');
  }
  return [...(value as string[])];
}

/** A clean copy of an entry; the vault itself validates origins, lengths and the one-time-code secret. */
export function parseEntryInput(payload: unknown): VaultEntryInput {
  const record = objectPayload(payload);
  const origins = originsOf(record);
  if (!origins) throw new AirlockError('MESSAGE_MALFORMED', 'origins are required');
  const input: VaultEntryInput = { origins, username: stringField(record, 'username'), password: stringField(record, 'password') };
  const title = optionalString(record, 'title');
  const matchMode = matchModeOf(record);
  const totp = optionalString(record, 'totp');
  const notes = optionalString(record, 'notes');
  if (title !== undefined) input.title = title;
  if (matchMode !== undefined) input.matchMode = matchMode;
  if (totp !== undefined && totp !== '') input.totp = totp;
  if (notes !== undefined && notes !== '') input.notes = notes;
  return input;
}

export function parseEntryPatch(payload: unknown): VaultEntryPatch {
  const record = objectPayload(payload);
  const patch: VaultEntryPatch = {};
  const origins = originsOf(record);
  const matchMode = matchModeOf(record);
  for (const field of ['title', 'username', 'password'] as const) {
    const value = optionalString(record, field);
    if (value !== undefined) patch[field] = value;
  }
  for (const field of ['totp', 'notes'] as const) {
    const value = nullableString(record, field);
    if (value !== undefined) patch[field] = value;
  }
  if (origins !== undefined) patch.origins = origins;
  if (matchMode !== undefined) patch.matchMode = matchMode;
  return patch;
}
