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
import { VAULT_SESSION_KEY } from '../../lib/takeover/views';
import { createCredentialRequestsModel } from '../../lib/ui/credential-requests-model';
import { TokenRequests } from '../../components/oauth/TokenRequests';
import { createTokenRequestsModel } from '../../lib/ui/token-requests-model';
import { TOKEN_REQUESTS_KEY } from '../../lib/oauth/token-request-store';

/** The tab the popup is about: `?tabId=` when opened as a page, else the active tab of its window. */
async function targetTab(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

void (async () => {
  applyDocumentLanguage(document);
  const tabId = await targetTab();
  // Only a build whose manifest requires `debugger` shows the toggle; the permission is then held.
  const model = createTabStateModel(tabId, () => browser.permissions.contains({ permissions: ['debugger'] }));
  const approvals = createApprovalsModel({
    assert: assertWithPasskey,
    subscribe: (onChange) => watchStorage('session', [QUEUE_KEY], onChange),
  });
  const credentials = createCredentialRequestsModel({
    tabId,
    assert: assertWithPasskey,
    subscribe: (onChange) => watchStorage('session', [REQUESTS_KEY, VAULT_SESSION_KEY], onChange),
    prf: { rpId: browser.runtime.id, create: createPrfPasskey, evaluate: evaluatePrf },
  });
  const tokens = createTokenRequestsModel({
    assert: assertWithPasskey,
    subscribe: (onChange) => watchStorage('session', [TOKEN_REQUESTS_KEY], onChange),
  });
  render(
    <>
      <CredentialRequests model={credentials} />
      <PendingApprovals model={approvals} />
      <TokenRequests model={tokens} />
      <Popup model={model} />
    </>,
    document.getElementById('app')!,
  );
})();
