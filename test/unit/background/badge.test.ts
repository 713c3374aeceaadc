import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { addBadgeOverlay, renderAgentBadge } from '../../../lib/background/badge';

describe('the toolbar badge of a tab', () => {
  it('shows what waits for the human there (strongest first) rather than the agent badge, and the agent badge otherwise', async () => {
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
    addBadgeOverlay(async (tabId) => (tabId === 5 ? { text: '2', color: '#b91c1c' } : null));
    addBadgeOverlay(async (tabId) => (tabId === 5 || tabId === 6 ? { text: 'KEY', color: '#b45309' } : null));
    addBadgeOverlay(() => Promise.reject(new Error('storage unavailable')));

    await renderAgentBadge(5, true);
    await renderAgentBadge(6, true);
    await renderAgentBadge(7, true);
    await renderAgentBadge(8, false);
    expect(setText.mock.calls.map(([details]) => [details.tabId, details.text])).toEqual([
      [5, '2'],
      [6, 'KEY'],
      [7, 'badgeAgent'],
      [8, ''],
    ]);
  });
});
