import { describe, expect, it } from 'vitest';
import { TokenTickets } from '../../../lib/content/token-tickets';

const TOKEN = { provider: 'p', sealedAccessToken: 'sealed', tokenType: 'Bearer', scope: 'openid', expiresAt: 1 };

describe('TokenTickets', () => {
  it('resolves a ticket with the token pushed for it, whichever arrives first', async () => {
    const tickets = new TokenTickets();
    const late = tickets.wait('t1');
    tickets.deliver({ airlock: 'push-token', ticket: 't1', result: { ok: true, token: TOKEN } });
    expect(await late).toEqual(TOKEN);
    tickets.deliver({ airlock: 'push-token', ticket: 't2', result: { ok: true, token: TOKEN } });
    expect(await tickets.wait('t2')).toEqual(TOKEN);
  });

  it('rejects with the pushed error code, and ignores answers for other tickets', async () => {
    const tickets = new TokenTickets();
    const asked = tickets.wait('mine');
    tickets.deliver({ airlock: 'push-token', ticket: 'other', result: { ok: true, token: TOKEN } });
    tickets.deliver({ airlock: 'push-token', ticket: 'mine', result: { ok: false, error: { code: 'VAULT_LOCKED', message: 'locked' } } });
    await expect(asked).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });
});
