import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { HumanConfirm } from '../confirm/HumanConfirm';
import type { CredentialRequestsModel } from '../../lib/ui/credential-requests-model';
import { credentialErrorText } from './credential-error-text';
import { CredentialRequestCard } from './CredentialRequestCard';
import { VaultUnlockForm } from './VaultUnlockForm';
import { VaultLossNotice } from '../vault/VaultLossNotice';

/** The popup's credential section: agents' logins waiting for the human, and a fill for the human's own tab. */
export function CredentialRequests({ model }: { model: CredentialRequestsModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const listing = model.listing.value;
  const offer = model.offer.value;
  const error = model.error.value;
  if (!listing) return null;
  const busy = model.busy.value;
  const requests = listing.requests;
  const needsUnlock = listing.vault.created && !listing.vault.unlocked;

  return (
    <section class="credentials" aria-labelledby="credentials-heading" data-testid="credentials">
      <h2 id="credentials-heading">{requests.length > 0 ? t('credentialsHeading', String(requests.length)) : t('credentialsIdleHeading')}</h2>
      <VaultLossNotice status={listing.vault} />
      {!listing.vault.created && <p class="muted">{t('credentialNoVault')}</p>}
      {needsUnlock && (
        <VaultUnlockForm busy={busy} onUnlock={(password) => void model.unlock(password)} onPasskey={model.passkeyUnlock.value ? () => void model.unlockWithPasskey() : undefined} />
      )}
      {requests.length > 0 && (
        <ul class="credential-list">
          {requests.map((request) => (
            <CredentialRequestCard
              key={request.id}
              request={request}
              busy={busy || model.confirmation.busy.value}
              unlocked={listing.vault.unlocked}
              onUse={(entryId, remember, inPage) => void model.use(request.id, entryId, remember, inPage)}
              onDeny={() => void model.deny(request.id)}
            />
          ))}
        </ul>
      )}
      {requests.length > 0 && <HumanConfirm model={model.confirmation} />}
      {requests.length === 0 && offer && offer.entries.length > 0 && (
        <div class="human-fill" data-testid="human-fill">
          <p class="muted">{t('credentialFillHere', offer.origin ?? '')}</p>
          <ul class="credential-candidates">
            {offer.entries.map((entry) => (
              <li key={entry.id}>
                <button type="button" data-fill-entry-id={entry.id} disabled={busy} onClick={() => void model.fillHere(entry.id)}>
                  {t('credentialFill', [entry.title || (offer.origin ?? ''), entry.username])}
                </button>
                {entry.hasTotp && (
                  <button type="button" class="secondary" data-fill-code-entry-id={entry.id} disabled={busy} onClick={() => void model.fillCodeHere(entry.id)}>
                    {t('credentialFillCode', entry.title || (offer.origin ?? ''))}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {model.filled.value && <p class="note">{t('credentialFilled')}</p>}
        </div>
      )}
      {error && (
        <p class="error" role="alert" data-testid="credential-error" data-code={error.code}>
          {credentialErrorText(error)}
        </p>
      )}
    </section>
  );
}
