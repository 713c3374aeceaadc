import { t } from '../../lib/i18n';
import type { VaultStatus } from '../../lib/takeover/views';

/**
 * Said plainly when the vault's database is gone though this profile had one (a page with Airlock's
 * access can delete it): what was lost, when it was noticed, and how to get it back (an encrypted
 * export, restored from the settings' import).
 */
export function VaultLossNotice({ status }: { status: VaultStatus | null | undefined }) {
  const lost = status?.lost;
  if (!lost) return null;
  const when = (at: number) => new Date(at).toLocaleString(document.documentElement.lang || undefined);
  return (
    <p class="error" role="alert" data-testid="vault-lost">
      {t('vaultLost', [when(lost.createdAt), when(lost.detectedAt)])}
    </p>
  );
}

/** When the last encrypted export was made: the backup a lost vault comes back from. */
export function LastExport({ status }: { status: VaultStatus | null | undefined }) {
  if (!status?.created) return null;
  const at = status.lastExportAt ?? null;
  return (
    <p class={at === null ? 'note weaker' : 'note'} data-testid="last-export">
      {at === null ? t('vaultNeverExported') : t('vaultLastExport', new Date(at).toLocaleDateString(document.documentElement.lang || undefined))}
    </p>
  );
}
