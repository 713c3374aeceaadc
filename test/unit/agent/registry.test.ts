import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_MANAGED_POLICY, parseManagedPolicy, type ManagedPolicy } from '../../../lib/agent/managed-policy';
import { AgentRegistry, SESSION_KEY } from '../../../lib/agent/registry';

let clock = 0;
function registry(managed: ManagedPolicy = DEFAULT_MANAGED_POLICY): AgentRegistry {
  return new AgentRegistry({
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    readManaged: async () => managed,
    now: () => ++clock,
  });
}

describe('AgentRegistry', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records a signal with its source and detail, once', async () => {
    const r = registry();
    await r.observe(7, 'webdriver', 'navigator.webdriver');
    await r.observe(7, 'webdriver', 'navigator.webdriver');
    const verdict = await r.verdict(7, 1);
    expect(verdict.agentDriven).toBe(true);
    expect(verdict.signals).toEqual([expect.objectContaining({ source: 'webdriver', detail: 'navigator.webdriver' })]);
  });

  it('keeps state across a new instance, as after a service-worker restart', async () => {
    const first = registry();
    await first.observe(7, 'handshake', 'agent 1.0');
    await first.setHumanToggle(8, 1, 'tab', false);
    await first.setHumanToggle(9, 2, 'always', true);

    const second = registry();
    expect((await second.verdict(7, 1)).signals[0]).toMatchObject({ source: 'handshake', detail: 'agent 1.0' });
    expect((await second.verdict(8, 1)).agentDriven).toBe(false);
    expect((await second.toggles(8, 1))).toEqual({ tab: false, window: null, always: true });
  });

  it('applies the most specific toggle: tab, then window, then always', async () => {
    const r = registry();
    await r.setHumanToggle(1, 10, 'always', true);
    await r.setHumanToggle(1, 10, 'window', false);
    expect((await r.verdict(1, 10)).agentDriven).toBe(false);
    expect((await r.verdict(2, 11)).agentDriven).toBe(true);
    await r.setHumanToggle(1, 10, 'tab', true);
    expect((await r.verdict(1, 10)).agentDriven).toBe(true);
    await r.setHumanToggle(1, 10, 'tab', null);
    expect((await r.verdict(1, 10)).agentDriven).toBe(false);
  });

  it('forgets a closed tab but not the window or profile toggles', async () => {
    const r = registry();
    await r.observe(3, 'webdriver', 'navigator.webdriver');
    await r.setHumanToggle(3, 4, 'window', true);
    await r.forgetTab(3);
    const stored = (await fakeBrowser.storage.session.get(SESSION_KEY))[SESSION_KEY] as { tabs: object };
    expect(stored.tabs).toEqual({});
    expect((await r.verdict(5, 4)).agentDriven).toBe(true);
  });

  it('reads managed policy before the first verdict', async () => {
    const r = registry(parseManagedPolicy({ agentMode: 'always' }));
    expect((await r.verdict(1, 1)).agentDriven).toBe(true);
  });

  it('tells listeners which tabs changed', async () => {
    const r = registry();
    const changed: number[] = [];
    r.onChange((tabId) => changed.push(tabId));
    await r.observe(3, 'webdriver', 'navigator.webdriver');
    await r.observe(4, 'handshake', 'x');
    await r.setHumanToggle(3, 1, 'always', true);
    expect(changed).toEqual([3, 4, 3, 4]);
  });
});
