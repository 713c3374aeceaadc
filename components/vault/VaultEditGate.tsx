import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { formatTime } from '../../lib/ui/format-money';
import type { VaultEditModel } from '../../lib/ui/vault-edit-model';
import { HumanConfirm } from '../confirm/HumanConfirm';

/**
 * The door to vault edits in the settings: closed until the human confirms on this page, then open
 * for a few minutes. An agent that opens the settings itself finds it closed.
 */
export function VaultEditGate({ model }: { model: VaultEditModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const until = model.until.value;
  if (until !== null) {
    return (
      <p data-testid="vault-edit" data-state="open">
        {t('vaultEditUntil', formatTime(until))}{' '}
        <button type="button" class="secondary" data-action="end-edit" onClick={() => void model.end()}>
          {t('vaultEditEnd')}
        </button>
      </p>
    );
  }
  return (
    <div data-testid="vault-edit" data-state="closed">
      <p>{t('vaultEditLocked')}</p>
      <button type="button" data-action="begin-edit" disabled={model.confirmation.busy.value} onClick={() => void model.begin()}>
        {t('vaultEditBegin')}
      </button>
      <HumanConfirm model={model.confirmation} />
    </div>
  );
}
