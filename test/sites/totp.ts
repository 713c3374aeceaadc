import { Secret, TOTP } from 'otpauth';

function totpFor(secret: string): TOTP {
  // RFC 6238 defaults, as authenticator apps use them: HMAC-SHA-1, 6 digits, 30-second steps.
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** Accepts the current code and the ones of the neighbouring time steps (RFC 6238 §5.2, clock drift). */
export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret).validate({ token: code, window: 1 }) !== null;
}

/** The code an authenticator app would show at `timestamp` (milliseconds since the epoch). */
export function generateTotp(secret: string, timestamp: number = Date.now()): string {
  return totpFor(secret).generate({ timestamp });
}
