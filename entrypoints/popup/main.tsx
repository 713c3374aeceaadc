import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createTabStateModel } from '../../lib/ui/tab-state-model';
import { applyDocumentLanguage } from '../../lib/ui/document-language';
import { PendingApprovals } from '../../components/approvals/PendingApprovals';
import '../../components/approvals/approvals.css';
import { QUEUE_KEY } from '../../lib/approvals/approval-queue';
import { createApprovalsModel } from '../../lib/ui/approvals-model';
import { watchStorage } from '../../lib/ui/watch-storage';
import { assertWithPasskey, createPrfPasskey, evaluatePrf } from '../../lib/webauthn/ceremony';
import { CredentialRequests } from '../../components/credentials/CredentialRequests';
import '../../components/credentials/credentials.css';
import '../../components/confirm/confirm.css';
import { REQUESTS_KEY } from '../../lib/takeover/credential-store';
import { watchWorker } from '../../lib/ui/watch-worker';
import { isVaultPushMessage } from '../../lib/messaging/push';
import { createCredentialRequestsModel } from '../../lib/ui/credential-requests-model';
import { TokenRequests } from '../../components/oauth/TokenRequests';
import { createTokenRequestsModel } from '../../lib/ui/token-requests-model';
import { TOKEN_REQUESTS_KEY } from '../../lib/oauth/token-request-store';
import { OAuthConsents } from '../../components/oauth/OAuthConsents';
import { createOAuthConsentsModel } from '../../lib/ui/oauth-consents-model';
import { FLOWS_KEY } from '../../lib/oauth/flow-store';
import { PageStandingBanner } from '../../components/popup/PageStandingBanner';
import { createPageStandingModel } from '../../lib/ui/page-standing-model';
import { SettingsButton } from '../../components/popup/SettingsButton';

/** The tab the popup is about: the active tab of its window. */
async function targetTab(): Promise<{ tabId: number | null; windowId: number | undefined }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { tabId: tab?.id ?? null, windowId: tab?.windowId };
}

function onRuntimeMessage(listener: (message: unknown) => void): () => void {
  const wrapped = (message: unknown) => {
    listener(message);
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}

void (async () => {
  applyDocumentLanguage(document);
  const { tabId, windowId } = await targetTab();
  const standing = createPageStandingModel({ onMessage: onRuntimeMessage, close: () => window.close(), openedAt: () => performance.timeOrigin });
  // Only a build whose manifest requires `debugger` shows the toggle; the permission is then held.
  const model = createTabStateModel(tabId, () => browser.permissions.contains({ permissions: ['debugger'] }), { assert: assertWithPasskey });
  const approvals = createApprovalsModel({
    assert: assertWithPasskey,
    // A new approval, and an unlock (which lets Airlock check the enrolled passkeys again).
    subscribe(onChange) {
      const queue = watchStorage('session', [QUEUE_KEY], onChange);
      const vault = watchWorker(isVaultPushMessage, onChange);
      return () => (queue(), vault());
    },
  });
  const credentials = createCredentialRequestsModel({
    tabId,
    assert: assertWithPasskey,
    subscribe(onChange) {
      const requests = watchStorage('session', [REQUESTS_KEY], onChange);
      const vault = watchWorker(isVaultPushMessage, onChange);
      return () => (requests(), vault());
    },
    prf: { rpId: browser.runtime.id, create: createPrfPasskey, evaluate: evaluatePrf },
  });
  const tokens = createTokenRequestsModel({
    assert: assertWithPasskey,
    subscribe: (onChange) => watchStorage('session', [TOKEN_REQUESTS_KEY], onChange),
  });
  const consents = createOAuthConsentsModel({
    assert: assertWithPasskey,
    subscribe: (onChange) => watchStorage('session', [FLOWS_KEY], onChange),
  });
  render(
    <>
      <PageStandingBanner model={standing} />
      <CredentialRequests model={credentials} />
      <PendingApprovals model={approvals} />
      <OAuthConsents model={consents} />
      <TokenRequests model={tokens} />
      <Popup model={model} />
      <SettingsButton windowId={windowId} />
    </>,
    document.getElementById('app')!,
  );
})();
