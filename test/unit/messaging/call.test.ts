import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { call, callUntilAnswered } from '../../../lib/messaging/call';

const payload = { provider: 'idp', scopes: ['openid'], ticket: 'A'.repeat(22), encryptTo: { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) } as const };

describe('callUntilAnswered: a request the background keeps idempotently is asked again only when no answer came', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks again, with the same message, after the worker stopped before replying', async () => {
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('The message port closed before a response was received.'))
      .mockResolvedValueOnce({ ok: true, value: { ticket: payload.ticket } });
    await expect(callUntilAnswered('token.request', payload, 3, 1)).resolves.toEqual({ ticket: payload.ticket });
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[0]).toEqual(send.mock.calls[1]);
  });

  it('an error the background answered is thrown at once, never asked again', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: { code: 'TOKEN_PROVIDER_UNKNOWN', message: 'No provider' } });
    await expect(callUntilAnswered('token.request', payload, 3, 1)).rejects.toMatchObject({ code: 'TOKEN_PROVIDER_UNKNOWN' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up after its attempts with INTERNAL, where a plain call gives up at once', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection.'));
    await expect(callUntilAnswered('token.request', payload, 3, 1)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(send).toHaveBeenCalledTimes(3);
    send.mockClear();
    await expect(call('token.request', payload)).rejects.toThrow('Could not establish connection.');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
