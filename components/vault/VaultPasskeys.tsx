import { t } from '../../lib/i18n';
import type { VaultModel } from '../../lib/ui/vault-model';
import { VaultUnlockForm } from '../credentials/VaultUnlockForm';

/**
 * Settings: passkeys that unlock the vault (WebAuthn PRF). Setting one up asks for the master
 * password again; the authenticator must support PRF, or nothing is stored.
 */
export function VaultPasskeys({ model, busy }: { model: VaultModel; busy: boolean }) {
  const passkeys = model.passkeys.value;
  return (
    <details class="vault-passkeys" data-testid="vault-passkeys">
      <summary>{t('vaultPasskeysHeading')}</summary>
      <p class="muted">{t('vaultPasskeysIntro')}</p>
      {passkeys.length > 0 && (
        <ul class="entry-list">
          {passkeys.map((passkey) => (
            <li key={passkey.credentialId} data-testid="vault-passkey" data-credential-id={passkey.credentialId}>
              {t('vaultPasskeyAddedOn', new Date(passkey.addedAt).toLocaleString())}{' '}
              <button type="button" class="secondary" data-action="remove-vault-passkey" disabled={busy} onClick={() => void model.removePasskey(passkey.credentialId)}>
                {t('vaultPasskeyRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <VaultUnlockForm className="entry-form" testId="vault-passkey-add" submitLabel="vaultPasskeyAdd" busy={busy} onUnlock={(password) => void model.addPasskey(password)} />
    </details>
  );
}
