import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_MANAGED_POLICY, parseManagedPolicy, type ManagedPolicy } from '../../../lib/agent/managed-policy';
import { AgentRegistry } from '../../../lib/agent/registry';
import { AgentService } from '../../../lib/background/agent-service';
import { buildHandlers } from '../../../lib/background/handlers';
import { createRouter } from '../../../lib/messaging/router';
import type { MessageSenderLike } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const content: MessageSenderLike = { id: ID, origin: 'https://shop.example', url: 'https://shop.example/cart', tab: { id: 5, windowId: 1 }, frameId: 0 };
const popup: MessageSenderLike = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
const popupInTab: MessageSenderLike = { ...popup, tab: { id: 9, windowId: 1 } };
const otherExtension: MessageSenderLike = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html', tab: { id: 5, windowId: 1 } };

function setup(managed: ManagedPolicy = DEFAULT_MANAGED_POLICY) {
  const registry = new AgentRegistry({
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    readManaged: async () => managed,
    now: () => 1,
  });
  const windowOf = async () => 1;
  const service = new AgentService({ registry, windowOf, debuggerTabs: async () => null, debuggerSupport: 'unavailable' });
  const route = createRouter(buildHandlers(service, windowOf), ID, ORIGIN);
  const send = (kind: string, payload: unknown, sender: MessageSenderLike) => route({ airlock: 'internal', kind, payload }, sender);
  return { registry, send };
}

describe('background router', () => {
  beforeEach(() => fakeBrowser.reset());

  it('ignores messages that are not Airlock envelopes', async () => {
    const { send } = setup();
    const route = createRouter({} as never, ID, ORIGIN);
    expect(await route({ hello: 1 }, content)).toBeUndefined();
    expect(await send('agent.state', {}, content)).toMatchObject({ ok: true });
  });

  it('refuses a UI decision from a content script before reading its payload', async () => {
    const { send, registry } = setup();
    await registry.observe(5, 'webdriver', 'navigator.webdriver');
    const reply = await send('ui.setToggle', { tabId: 5, scope: 'tab', agent: false }, content);
    expect(reply).toEqual({ ok: false, error: { code: 'SENDER_FORBIDDEN', message: 'content may not send ui.setToggle' } });
    expect((await registry.verdict(5, 1)).agentDriven).toBe(true);
  });

  it('refuses lowering protection from an Airlock page loaded in a tab, and from the popup without the human\'s proof', async () => {
    const { send, registry } = setup();
    await registry.observe(5, 'webdriver', 'navigator.webdriver');
    const fromTab = await send('ui.setToggle', { tabId: 5, scope: 'tab', agent: false }, popupInTab);
    expect(fromTab).toMatchObject({ ok: false, error: { code: 'SENDER_FORBIDDEN' } });
    expect((await registry.verdict(5, 1)).agentDriven).toBe(true);

    const raising = await send('ui.setToggle', { tabId: 5, scope: 'window', agent: true }, popupInTab);
    expect(raising).toMatchObject({ ok: true });

    // A click in the popup is not proof of a human: without a confirmation it changes nothing.
    const fromPopup = await send('ui.setToggle', { tabId: 5, scope: 'tab', agent: false, proof: null }, popup);
    expect(fromPopup).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect((await registry.verdict(5, 1)).agentDriven).toBe(true);
  });

  it('refuses switching off where managed policy forbids it', async () => {
    const { send } = setup(parseManagedPolicy({ allowUserOverride: false }));
    const reply = await send('ui.setToggle', { tabId: 5, scope: 'tab', agent: false }, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'POLICY_LOCKED' } });
  });

  it('refuses other extensions and unknown kinds', async () => {
    const { send } = setup();
    expect(await send('agent.state', {}, otherExtension)).toMatchObject({ ok: false, error: { code: 'SENDER_FORBIDDEN' } });
    expect(await send('vault.dump', {}, popup)).toMatchObject({ ok: false, error: { code: 'MESSAGE_UNKNOWN' } });
    expect(await send('__proto__', {}, popup)).toMatchObject({ ok: false, error: { code: 'MESSAGE_UNKNOWN' } });
  });

  it('rejects malformed payloads with MESSAGE_MALFORMED naming the field', async () => {
    const { send } = setup();
    expect(await send('ui.setToggle', { tabId: -1, scope: 'tab', agent: true }, popup)).toMatchObject({
      ok: false,
      error: { code: 'MESSAGE_MALFORMED', message: 'tabId must be a non-negative integer' },
    });
    expect(await send('ui.setToggle', { tabId: 1, scope: 'galaxy', agent: true }, popup)).toMatchObject({
      error: { code: 'MESSAGE_MALFORMED' },
    });
    expect(await send('agent.handshake', { agent: { name: '<script>' } }, content)).toMatchObject({
      error: { code: 'PROTOCOL_MALFORMED' },
    });
  });

  it('records a handshake for the sender\'s own tab only', async () => {
    const { send, registry } = setup();
    const reply = await send('agent.handshake', { agent: { name: 'bot', version: '1' }, tabId: 99 }, content);
    expect(reply).toMatchObject({ ok: true, value: { agentDriven: true } });
    expect((await registry.verdict(5, 1)).signals[0]).toMatchObject({ source: 'handshake', detail: 'bot 1' });
    expect((await registry.verdict(99, 1)).agentDriven).toBe(false);
  });
});
