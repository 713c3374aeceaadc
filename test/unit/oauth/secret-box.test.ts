import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../lib/oauth/secret-box';

describe('SecretBox', () => {
  it('opens what it sealed, for the same grant only', async () => {
    const box = new SecretBox();
    const sealed = await box.seal('refresh-token-value', 'grant-1');
    expect(JSON.stringify(sealed)).not.toContain('refresh-token-value');
    expect(await box.open(sealed, 'grant-1')).toBe('refresh-token-value');
    expect(await box.open(sealed, 'grant-2')).toBeNull();
  });

  it('a new worker (a new box, a new key) cannot open an earlier worker\'s seal', async () => {
    const sealed = await new SecretBox().seal('refresh-token-value', 'grant-1');
    expect(await new SecretBox().open(sealed, 'grant-1')).toBeNull();
  });
});
