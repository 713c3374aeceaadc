import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import { isValidTotp, totpCode } from '../../../lib/vault/totp';

// RFC 6238 Appendix B: the SHA-1 test secret is ASCII "12345678901234567890" (base32 below), 8 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totp', () => {
  it('matches the RFC 6238 test vectors through an otpauth URI', () => {
    const uri = `otpauth://totp/Test:ada?secret=${RFC_SECRET}&digits=8&period=30&algorithm=SHA1`;
    expect(totpCode(uri, 59_000)).toEqual({ code: '94287082', expiresAt: 60_000 });
    expect(totpCode(uri, 1_111_111_109_000).code).toBe('07081804');
  });

  it('takes a bare base32 secret with spaces and lower case, with RFC defaults (6 digits, 30 s)', () => {
    expect(totpCode(RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '), 59_000).code).toBe('287082');
  });

  it('refuses what is not a TOTP secret, without repeating it', () => {
    expect(isValidTotp('hunter2')).toBe(false);
    expect(isValidTotp('otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQ&counter=1')).toBe(false);
    try {
      totpCode('not a secret 1234');
    } catch (error) {
      expect(error).toBeInstanceOf(AirlockError);
      expect((error as AirlockError).code).toBe('VAULT_TOTP_INVALID');
      expect((error as AirlockError).message).not.toContain('not a secret');
    }
  });
});
