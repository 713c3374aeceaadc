import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../../lib/ui/vault-password-generator';

describe('password generator', () => {
  it('has the asked length and every character class', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword({ length: 20, symbols: true });
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[!#$%&*+\-=?@^_~]/);
    }
  });
});
