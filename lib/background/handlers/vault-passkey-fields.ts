import { fromBase64Url } from '../../encoding/base64url';
import { AirlockError } from '../../errors/airlock-error';
import { stringField } from '../../takeover/parse-payload';

/** A WebAuthn byte string from an Airlock page: base64url of 1 to `maxBytes` bytes; never echoed in the error. */
export function base64UrlField(record: Record<string, unknown>, field: string, maxBytes: number): string {
  const text = stringField(record, field, Math.ceil((maxBytes * 4) / 3));
  let length = 0;
  try {
    length = fromBase64Url(text).length;
  } catch {
    // Reported below.
  }
  if (length === 0 || length > maxBytes) throw new AirlockError('MESSAGE_MALFORMED', `${field} must be base64url bytes`);
  return text;
}

/** At most 1023 bytes: WebAuthn L3 §5.1 ("credential ID ... at most 1023 bytes"). */
export const credentialIdField = (record: Record<string, unknown>) => base64UrlField(record, 'credentialId', 1023);
/** PRF inputs and outputs are 32 bytes (WebAuthn L3 §10.1.4, hmac-secret); allow up to 64. */
export const prfField = (record: Record<string, unknown>, field: 'prfInput' | 'prfOutput') => base64UrlField(record, field, 64);
