import { t } from '../../lib/i18n';
import type { UiError } from '../../lib/ui/approvals-model';
import { passkeyErrorText } from './passkey-error-text';

export function vaultErrorText(error: UiError): string {
  switch (error.code) {
    case 'VAULT_WRONG_PASSWORD':
      return t('vaultErrorWrongPassword');
    case 'VAULT_LOCKED':
      return t('vaultErrorLocked');
    case 'PASSWORDS_DIFFER':
      return t('vaultErrorPasswordsDiffer');
    case 'VAULT_ENTRY_INVALID':
    case 'VAULT_TOTP_INVALID':
      return t('vaultErrorInvalidEntry', error.message);
    case 'VAULT_IMPORT_TRUNCATED':
      return t('vaultImportTruncated', error.message);
    case 'VAULT_IMPORT_MALFORMED':
    case 'VAULT_IMPORT_UNKNOWN_FORMAT':
    case 'VAULT_IMPORT_TOO_LARGE':
      return t('vaultImportMalformed', error.message);
    case 'VAULT_EXPORT_WRONG_PASSWORD':
      return t('vaultExportWrongPassword');
    case 'VAULT_EXPORT_MALFORMED':
      return t('vaultExportMalformed');
    case 'VAULT_EDIT_UNCONFIRMED':
      return t('vaultErrorEditUnconfirmed');
    default:
      return passkeyErrorText(error.code) ?? t('errorGeneric', error.message || error.code);
  }
}
