import { render } from 'preact';
import { Options } from '../../components/options/Options';
import { applyDocumentLanguage } from '../../lib/ui/document-language';
import { PasskeysSection } from '../../components/options/PasskeysSection';
import { SitePolicies } from '../../components/approvals/SitePolicies';
import { StepUpAudit } from '../../components/approvals/StepUpAudit';
import { createReceiptsModel } from '../../lib/ui/receipts-model';
import { createPasskeysModel } from '../../lib/ui/passkeys-model';
import { createPoliciesModel } from '../../lib/ui/policies-model';
import { assertWithPasskey, createPrfPasskey, evaluatePrf, registerPasskey } from '../../lib/webauthn/ceremony';
import { GrantsSection } from '../../components/options/GrantsSection';
import { createGrantsModel } from '../../lib/ui/grants-model';
import { browser } from 'wxt/browser';
import { VaultSection } from '../../components/vault/VaultSection';
import { ImportSection } from '../../components/vault/ImportSection';
import { AuditSection } from '../../components/vault/AuditSection';
import '../../components/vault/vault.css';
import '../../components/confirm/confirm.css';
import { createVaultModel } from '../../lib/ui/vault-model';
import { createVaultEditModel } from '../../lib/ui/vault-edit-model';
import { createIdleLockModel } from '../../lib/ui/idle-lock-model';
import { createImportModel } from '../../lib/ui/vault-import-model';
import { createAuditModel } from '../../lib/ui/vault-audit-model';
import { watchStorage } from '../../lib/ui/watch-storage';
import type { ImportProgress } from '../../lib/takeover/views';
import { STORAGE_ITEMS } from '../../lib/storage/items';
import { watchWorker } from '../../lib/ui/watch-worker';
import { isVaultPushMessage } from '../../lib/messaging/push';
import { CredentialPolicies } from '../../components/credentials/CredentialPolicies';
import { createCredentialPoliciesModel } from '../../lib/ui/credential-policies-model';
import { CREDENTIAL_POLICIES_KEY } from '../../lib/takeover/credential-store';
import { PageStandingBanner } from '../../components/popup/PageStandingBanner';
import { createPageStandingModel } from '../../lib/ui/page-standing-model';
import { OAuthConsents } from '../../components/oauth/OAuthConsents';
import { createOAuthConsentsModel } from '../../lib/ui/oauth-consents-model';
import { FLOWS_KEY } from '../../lib/oauth/flow-store';

applyDocumentLanguage(document, 'optionsTitle');
const passkeys = createPasskeysModel({ register: registerPasskey, assert: assertWithPasskey });
const policies = createPoliciesModel({ assert: assertWithPasskey });
const vault = createVaultModel({
  subscribe: (onChange) => watchWorker(isVaultPushMessage, onChange),
  prf: { rpId: browser.runtime.id, create: createPrfPasskey, evaluate: evaluatePrf },
});
const vaultImport = createImportModel({ onChanged: () => void vault.refresh() });
browser.storage.onChanged.addListener((changes, area) => {
  const progress = changes[STORAGE_ITEMS.vaultImportProgress.key]?.newValue as ImportProgress | undefined;
  if (area === 'session' && progress) vaultImport.onWriteProgress(progress.done, progress.total);
});
const standing = createPageStandingModel({
  onMessage(listener) {
    const wrapped = (message: unknown) => {
      listener(message);
    };
    browser.runtime.onMessage.addListener(wrapped);
    return () => browser.runtime.onMessage.removeListener(wrapped);
  },
  close: () => window.close(),
  openedAt: () => performance.timeOrigin,
});
const consents = createOAuthConsentsModel({ assert: assertWithPasskey, subscribe: (onChange) => watchStorage('session', [FLOWS_KEY], onChange) });
render(
  <>
    <PageStandingBanner model={standing} />
    <OAuthConsents model={consents} />
    <Options />
    <div class="options">
      <VaultSection model={vault} edit={createVaultEditModel({ assert: assertWithPasskey })} idleLock={createIdleLockModel()} />
      <ImportSection model={vaultImport} />
      <CredentialPolicies model={createCredentialPoliciesModel({ subscribe: (onChange) => watchStorage('local', [CREDENTIAL_POLICIES_KEY], onChange) })} />
      <AuditSection model={createAuditModel()} />
      <PasskeysSection model={passkeys} />
      <SitePolicies model={policies} />
      <StepUpAudit model={createReceiptsModel()} />
      <GrantsSection model={createGrantsModel()} />
    </div>
  </>,
  document.getElementById('app')!,
);
