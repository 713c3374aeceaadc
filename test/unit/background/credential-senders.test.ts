import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_MANAGED_POLICY } from '../../../lib/agent/managed-policy';
import { AgentRegistry } from '../../../lib/agent/registry';
import { AgentService } from '../../../lib/background/agent-service';
import { buildHandlers } from '../../../lib/background/handlers';
import { createRouter } from '../../../lib/messaging/router';
import type { MessageSenderLike } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const content: MessageSenderLike = { id: ID, origin: 'https://mail.example', url: 'https://mail.example/login', tab: { id: 5, windowId: 1 }, frameId: 0 };
const popupInTab: MessageSenderLike = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html`, tab: { id: 9, windowId: 1 } };
const otherExtension: MessageSenderLike = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html', tab: { id: 5, windowId: 1 } };

function send(kind: string, payload: unknown, sender: MessageSenderLike) {
  const registry = new AgentRegistry({ session: fakeBrowser.storage.session, local: fakeBrowser.storage.local, readManaged: async () => DEFAULT_MANAGED_POLICY, now: () => 1 });
  const windowOf = async () => 1;
  const service = new AgentService({ registry, windowOf, debuggerTabs: async () => null, debuggerSupport: 'unavailable' });
  return createRouter(buildHandlers(service, windowOf), ID, ORIGIN)({ airlock: 'internal', kind, payload }, sender);
}

describe('who may send the vault-passkey, policy and own-fill messages', () => {
  it.each(['credential.policies', 'credential.revokePolicy', 'vault.passkeys', 'vault.addPasskey', 'vault.removePasskey', 'vault.unlockWithPasskey', 'credential.humanFillCode'])(
    '%s: never a content script (a web page\'s frame) nor another extension',
    async (kind) => {
      expect(await send(kind, { id: 'x' }, content)).toMatchObject({ ok: false, error: { code: 'SENDER_FORBIDDEN' } });
      expect(await send(kind, { id: 'x' }, otherExtension)).toMatchObject({ ok: false, error: { code: 'SENDER_FORBIDDEN' } });
    },
  );

  it('the own-tab code fill only from the toolbar popup, not from popup.html opened in a tab an agent can drive', async () => {
    expect(await send('credential.humanFillCode', { tabId: 5, entryId: 'x' }, popupInTab)).toMatchObject({ ok: false, error: { code: 'SENDER_FORBIDDEN' } });
  });
});
