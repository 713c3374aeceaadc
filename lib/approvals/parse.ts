/**
 * Strict readers for step-up payloads. Everything a content script sends comes from a page's DOM and
 * is treated as untrusted text: lengths are bounded, kinds are from closed lists, and nothing beyond
 * the listed fields is kept.
 */
import { AirlockError } from '../errors/airlock-error';
import { objectPayload } from '../messaging/parse';
import { ACTION_TOPICS, type ActionClaim, type FieldChange } from './canonical-action';
import { CONFIRM_PURPOSES } from './confirmation-subject';
import type { AssertionJSON, ConfirmPurpose, FactorPurpose, HumanProof, RegistrationJSON, SitePolicy } from './messages';

const malformed = (message: string): never => {
  throw new AirlockError('MESSAGE_MALFORMED', message);
};

export function stringField(record: Record<string, unknown>, field: string, max: number, pattern?: RegExp): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length > max || (pattern && !pattern.test(value))) return malformed(`${field} is not valid`);
  return value;
}

function nullableString(record: Record<string, unknown>, field: string, max: number, pattern?: RegExp): string | null {
  return record[field] === null ? null : stringField(record, field, max, pattern);
}

const B64URL = /^[A-Za-z0-9_-]+$/;
export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

function parseField(value: unknown): FieldChange {
  const record = objectPayload(value);
  const secret = record.secret;
  if (typeof secret !== 'boolean') return malformed('field.secret must be a boolean');
  return {
    name: stringField(record, 'name', 200),
    label: stringField(record, 'label', 200),
    secret,
    // A secret's value never crosses: whatever was sent is dropped.
    value: secret ? null : nullableString(record, 'value', 500),
  };
}

export function parseClaim(value: unknown): ActionClaim {
  const record = objectPayload(value);
  const kind = record.kind;
  if (kind !== 'payment' && kind !== 'settings') return malformed('kind must be payment or settings');
  const topic = record.topic;
  if (typeof topic !== 'string' || !(ACTION_TOPICS as readonly string[]).includes(topic)) return malformed('topic is not known');
  const fields = record.fields;
  if (!Array.isArray(fields) || fields.length > 60) return malformed('fields must be a list of at most 60');
  return {
    kind,
    topic: topic as ActionClaim['topic'],
    amount: nullableString(record, 'amount', 16, /^\d{1,12}(\.\d{1,3})?$/),
    currency: nullableString(record, 'currency', 3, /^[A-Z]{3}$/),
    payee: nullableString(record, 'payee', 200),
    fields: fields.map(parseField),
    fieldsDigest: stringField(record, 'fieldsDigest', 64, /^[0-9a-f]{64}$/),
  };
}

export function parseAssertion(value: unknown): AssertionJSON {
  const record = objectPayload(value);
  const response = objectPayload(record.response);
  if (record.type !== 'public-key') return malformed('assertion.type must be public-key');
  const userHandle = response.userHandle;
  return {
    id: stringField(record, 'id', 1400, B64URL),
    rawId: stringField(record, 'rawId', 1400, B64URL),
    type: 'public-key',
    response: {
      clientDataJSON: stringField(response, 'clientDataJSON', 4000, B64URL),
      authenticatorData: stringField(response, 'authenticatorData', 4000, B64URL),
      signature: stringField(response, 'signature', 2000, B64URL),
      ...(typeof userHandle === 'string' && B64URL.test(userHandle) && userHandle.length <= 200 ? { userHandle } : {}),
    },
  };
}

export function parseOptionalAssertion(value: unknown): AssertionJSON | null {
  return value === null || value === undefined ? null : parseAssertion(value);
}

export function parseRegistration(value: unknown): RegistrationJSON {
  const record = objectPayload(value);
  const response = objectPayload(record.response);
  if (record.type !== 'public-key') return malformed('registration.type must be public-key');
  const alg = response.publicKeyAlgorithm;
  if (typeof alg !== 'number' || !Number.isInteger(alg)) return malformed('publicKeyAlgorithm must be an integer');
  return {
    id: stringField(record, 'id', 1400, B64URL),
    rawId: stringField(record, 'rawId', 1400, B64URL),
    type: 'public-key',
    response: {
      clientDataJSON: stringField(response, 'clientDataJSON', 4000, B64URL),
      attestationObject: stringField(response, 'attestationObject', 20000, B64URL),
      authenticatorData: stringField(response, 'authenticatorData', 4000, B64URL),
      publicKey: stringField(response, 'publicKey', 2000, B64URL),
      publicKeyAlgorithm: alg,
    },
  };
}

export function parseConfirmPurpose(value: unknown): ConfirmPurpose {
  if (!(CONFIRM_PURPOSES as readonly unknown[]).includes(value)) return malformed('purpose is not known');
  return value as ConfirmPurpose;
}

export function parseFactorPurpose(value: unknown): FactorPurpose {
  if (value === 'remove-passkey' || value === 'set-policy') return value;
  return parseConfirmPurpose(value);
}

/** A proof sent with a decision, or null. The password's length is bounded; its text is never echoed in an error. */
export function parseProof(value: unknown): HumanProof | null {
  if (value === null || value === undefined) return null;
  const record = objectPayload(value);
  if (record.kind === 'passkey') return { kind: 'passkey', assertion: parseAssertion(record.assertion) };
  if (record.kind === 'none') return { kind: 'none' };
  if (record.kind === 'master-password') {
    const password = record.password;
    if (typeof password !== 'string' || password.length === 0 || password.length > 4096) return malformed('proof.password is not valid');
    return { kind: 'master-password', password };
  }
  return malformed('proof.kind is not known');
}

/** A site as the human names it in a policy: an http(s) origin, normalised by the URL parser. */
export function parseOrigin(value: unknown): string {
  if (typeof value !== 'string' || value.length > 300) return malformed('origin is not valid');
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return malformed('origin must be http(s)');
    return url.origin;
  } catch {
    return malformed('origin is not valid');
  }
}

export function parsePolicy(value: unknown): SitePolicy {
  const record = objectPayload(value);
  switch (record.mode) {
    case 'always':
      return { mode: 'always' };
    case 'below-amount': {
      const below = record.below;
      if (typeof below !== 'number' || !Number.isSafeInteger(below) || below <= 0) return malformed('below must be a positive integer (minor units)');
      return { mode: 'below-amount', below, currency: stringField(record, 'currency', 3, /^[A-Z]{3}$/) };
    }
    case 'grant-after-approval': {
      const minutes = record.minutes;
      if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 240) return malformed('minutes must be 1-240');
      return { mode: 'grant-after-approval', minutes };
    }
    default:
      return malformed('mode is not known');
  }
}
