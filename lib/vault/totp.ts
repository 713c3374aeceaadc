import { HOTP, Secret, TOTP, URI } from 'otpauth';
import { AirlockError } from '../errors/airlock-error';

export interface TotpCode {
  code: string;
  /** Milliseconds since the epoch at which the code's time step ends. */
  expiresAt: number;
}

/**
 * A TOTP generator from a base32 secret (RFC 4648 §6, spaces and case ignored, as authenticator apps
 * show them) or an `otpauth://totp/...` URI (Key Uri Format). Throws VAULT_TOTP_INVALID otherwise;
 * the message never repeats the input.
 */
export function parseTotp(input: string): TOTP {
  const trimmed = input.trim();
  if (trimmed.toLowerCase().startsWith('otpauth://')) {
    let parsed: HOTP | TOTP;
    try {
      parsed = URI.parse(trimmed);
    } catch {
      throw new AirlockError('VAULT_TOTP_INVALID', 'The one-time code URI cannot be read');
    }
    if (!(parsed instanceof TOTP)) throw new AirlockError('VAULT_TOTP_INVALID', 'Only time-based (TOTP) one-time codes are supported');
    return parsed;
  }
  const base32 = trimmed.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (base32.length < 16 || !/^[A-Z2-7]+$/.test(base32)) {
    // RFC 4226 §4 asks for at least 128 bits of secret: 16 base32 characters hold 80; accept those
    // (many services issue them) but nothing shorter or outside the alphabet.
    throw new AirlockError('VAULT_TOTP_INVALID', 'The one-time code secret is not base32');
  }
  // RFC 6238 defaults, as authenticator apps apply them to a bare secret.
  return new TOTP({ secret: Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: 30 });
}

export function isValidTotp(input: string): boolean {
  try {
    parseTotp(input);
    return true;
  } catch {
    return false;
  }
}

export function totpCode(input: string, timestamp: number = Date.now()): TotpCode {
  const totp = parseTotp(input);
  const periodMs = totp.period * 1000;
  return { code: totp.generate({ timestamp }), expiresAt: (Math.floor(timestamp / periodMs) + 1) * periodMs };
}
