import { t } from '../../lib/i18n';
import type { UiError } from '../../lib/ui/approvals-model';
import { passkeyErrorText } from '../vault/passkey-error-text';

/** Stable codes of the vault and takeover, in the human's language. */
export function credentialErrorText(error: UiError): string {
  switch (error.code) {
    case 'VAULT_WRONG_PASSWORD':
      return t('vaultErrorWrongPassword');
    case 'VAULT_LOCKED':
      return t('vaultErrorLocked');
    case 'CREDENTIAL_REQUEST_NOT_FOUND':
    case 'CREDENTIAL_REQUEST_EXPIRED':
      return t('credentialErrorGone');
    case 'CREDENTIAL_POLICY_NOT_FOUND':
      return t('credentialPolicyGone');
    case 'ORIGIN_MISMATCH':
    case 'ORIGIN_INSECURE':
    case 'CREDENTIAL_ENTRY_NOT_ALLOWED':
      return t('credentialErrorOrigin');
    case 'CREDENTIAL_NO_FORM':
    case 'CREDENTIAL_FIELD_HIDDEN':
    case 'CREDENTIAL_FIELD_MOVED':
      return t('credentialErrorNoForm');
    default:
      return passkeyErrorText(error.code) ?? t('errorGeneric', error.message || error.code);
  }
}
