import { t } from '../../lib/i18n';

/** Passkey-unlock failures, in the human's language; null for codes that are not about the vault's passkeys. */
export function passkeyErrorText(code: string): string | null {
  switch (code) {
    case 'VAULT_PASSKEY_NO_PRF':
      return t('vaultPasskeyNoPrf');
    case 'VAULT_PASSKEY_UNKNOWN':
      return t('vaultPasskeyUnknown');
    case 'WEBAUTHN_CANCELLED':
      return t('vaultPasskeyCancelled');
    default:
      return null;
  }
}
