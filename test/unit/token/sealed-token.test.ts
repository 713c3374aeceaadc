import { describe, expect, it } from 'vitest';
import { drawSealingKey, sealAccessToken } from '../../../lib/token/sealed-token';

const TOKEN = { provider: 'idp', accessToken: 'access-token-7f3e91', tokenType: 'Bearer', scope: 'openid profile', expiresAt: 1_700_000_000_000 };

describe('sealed access tokens', () => {
  it('only the key the agent drew opens the token; the sealed form carries no trace of it', async () => {
    const agent = await drawSealingKey();
    const sealed = await sealAccessToken(TOKEN, agent.encryptTo);
    expect(sealed).toEqual({ provider: 'idp', tokenType: 'Bearer', scope: 'openid profile', expiresAt: 1_700_000_000_000, sealedAccessToken: expect.stringMatching(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(JSON.stringify(sealed)).not.toContain('access-token-7f3e91');
    expect(await agent.open(sealed)).toEqual(TOKEN);
    // Another key, say the page's own, opens nothing.
    await expect((await drawSealingKey()).open(sealed)).rejects.toThrow();
  });

  it('a sealed token that was altered is refused', async () => {
    const agent = await drawSealingKey();
    const sealed = await sealAccessToken(TOKEN, agent.encryptTo);
    const parts = sealed.sealedAccessToken.split('.');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    await expect(agent.open({ ...sealed, sealedAccessToken: parts.join('.') })).rejects.toThrow();
  });
});
