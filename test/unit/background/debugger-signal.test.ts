import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { debuggerPermitted } from '../../../lib/background/debugger-signal';

describe('asking for the debugger permission', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts a browser that throws on the unknown permission as the call is made (Firefox) as not permitted', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(() => {
      throw new TypeError('Type error for parameter permissions: "debugger" is not a valid permission');
    });
    await expect(debuggerPermitted()).resolves.toBe(false);
  });

  it('counts a rejected answer as not permitted, and passes a granted one through', async () => {
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockRejectedValueOnce(new Error('no such permission'));
    await expect(debuggerPermitted()).resolves.toBe(false);
    contains.mockResolvedValueOnce(true);
    await expect(debuggerPermitted()).resolves.toBe(true);
  });
});
