import { AirlockError } from '../errors/airlock-error';
import { objectPayload } from '../messaging/parse';
import type { FieldConstraints } from './placeholder';
import { MAX_BODY, type SwapSubmission } from './swap-request';

const malformed = (what: string): never => {
  throw new AirlockError('MESSAGE_MALFORMED', what);
};

function text(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string' || value.length > max) return malformed(`${what} must be a string of at most ${max} characters`);
  return value;
}

function pairs(value: unknown, maxPairs: number, maxValue: number, what: string): Array<[string, string]> {
  if (!Array.isArray(value) || value.length > maxPairs) return malformed(`${what} must be a list of at most ${maxPairs} pairs`);
  return value.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) return malformed(`${what} must hold [name, value] pairs`);
    return [text(pair[0], 1024, `${what} name`), text(pair[1], maxValue, `${what} value`)] as [string, string];
  });
}

/** A clean copy of what a content script says its page was about to send. */
export function parseSubmission(value: unknown): SwapSubmission {
  const record = objectPayload(value);
  const url = text(record.url, 8192, 'url');
  const method = text(record.method, 16, 'method');
  if (record.kind === 'form') return { kind: 'form', url, method, enctype: text(record.enctype, 64, 'enctype'), fields: pairs(record.fields, 500, 64 * 1024, 'fields') };
  if (record.kind === 'fetch') return { kind: 'fetch', url, method, headers: pairs(record.headers, 100, 8192, 'headers'), body: text(record.body, MAX_BODY, 'body') };
  return malformed('kind must be form or fetch');
}

/** What the page declares of its secret field, for a placeholder that fits; absent means nothing declared. */
export function parseFieldConstraints(value: unknown): FieldConstraints | undefined {
  if (value === undefined) return undefined;
  const record = objectPayload(value);
  const length = (v: unknown) => (v === null ? null : Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 4096 ? (v as number) : malformed('field lengths must be small integers'));
  if (typeof record.numeric !== 'boolean') malformed('field.numeric must be a boolean');
  return {
    maxLength: length(record.maxLength ?? null),
    minLength: length(record.minLength ?? null),
    numeric: record.numeric as boolean,
    pattern: record.pattern === null || record.pattern === undefined ? null : text(record.pattern, 512, 'field.pattern'),
  };
}
