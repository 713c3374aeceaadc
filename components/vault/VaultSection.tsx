import { useEffect, useState } from 'preact/hooks';
import { VaultUnlockForm } from '../credentials/VaultUnlockForm';
import { t, type MessageKey } from '../../lib/i18n';
import type { VaultEditModel } from '../../lib/ui/vault-edit-model';
import type { IdleLockModel } from '../../lib/ui/idle-lock-model';
import type { VaultModel } from '../../lib/ui/vault-model';
import { EntryForm } from './EntryForm';
import { EntryList } from './EntryList';
import { IdleLockControl } from './IdleLockControl';
import { VaultEditGate } from './VaultEditGate';
import { VaultPasskeys } from './VaultPasskeys';
import { LastExport, VaultLossNotice } from './VaultLossNotice';
import { vaultErrorText } from './vault-error-text';

function PasswordPair({ name, onSubmit, busy, label, withOld }: { name: string; busy: boolean; label: MessageKey; withOld?: boolean; onSubmit(old: string, next: string, confirm: string): void }) {
  const [old, setOld] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const value = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement).value);
  return (
    <form
      data-testid={name}
      class="entry-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(old, next, confirm);
        setOld('');
        setNext('');
        setConfirm('');
      }}
    >
      {withOld && (
        <label>
          {t('vaultCurrentMasterPassword')}
          <input type="password" name="old-password" autocomplete="current-password" required value={old} onInput={value(setOld)} />
        </label>
      )}
      <label>
        {t('vaultNewMasterPassword')}
        <input type="password" name="new-password" autocomplete="new-password" required value={next} onInput={value(setNext)} />
      </label>
      <label>
        {t('vaultConfirmMasterPassword')}
        <input type="password" name="confirm-password" autocomplete="new-password" required value={confirm} onInput={value(setConfirm)} />
      </label>
      <button type="submit" disabled={busy}>
        {t(label)}
      </button>
    </form>
  );
}

/** Settings: the password vault. Entries change only inside an edit session the human confirmed here. */
export function VaultSection({ model, edit, idleLock }: { model: VaultModel; edit: VaultEditModel; idleLock: IdleLockModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const status = model.status.value;
  const busy = model.busy.value;
  const error = model.error.value;
  const notice = model.notice.value;
  const editing = edit.until.value !== null;
  return (
    <section aria-labelledby="vault-heading" data-testid="vault" data-state={status ? (status.unlocked ? 'unlocked' : status.created ? 'locked' : 'none') : 'loading'}>
      <h2 id="vault-heading">{t('vaultHeading')}</h2>
      <p>{t('vaultIntro')}</p>
      <VaultLossNotice status={status} />
      <LastExport status={status} />
      {status && !status.created && (
        <>
          <p>{t('vaultCreateIntro')}</p>
          <PasswordPair name="vault-create" busy={busy} label="vaultCreate" onSubmit={(_old, next, confirm) => void model.create(next, confirm)} />
        </>
      )}
      {status?.created && !status.unlocked && (
        <VaultUnlockForm
          className="entry-form"
          busy={busy}
          onUnlock={(password) => void model.unlock(password)}
          onPasskey={model.passkeys.value.length > 0 ? () => void model.unlockWithPasskey() : undefined}
        />
      )}
      {status?.unlocked && (
        <>
          <p>
            <button type="button" data-action="lock" disabled={busy} onClick={() => void model.lock()}>
              {t('vaultLock')}
            </button>
          </p>
          <VaultEditGate model={edit} />
          <IdleLockControl model={idleLock} />
          {editing && (
            <>
              <h3>{t('vaultAddHeading')}</h3>
              <EntryForm busy={busy} onSave={(input) => void model.add(input)} />
            </>
          )}
          <h3>{t('vaultEntriesHeading')}</h3>
          {model.listing.value && <EntryList listing={model.listing.value} busy={busy || !editing} onUpdate={model.update} onDelete={(id) => void model.remove(id)} />}
          <VaultPasskeys model={model} busy={busy} />
          <details>
            <summary>{t('vaultChangePassword')}</summary>
            <PasswordPair name="vault-change-password" busy={busy} label="vaultChangePassword" withOld onSubmit={(old, next, confirm) => void model.changePassword(old, next, confirm)} />
          </details>
        </>
      )}
      <p aria-live="polite" data-testid="vault-notice">
        {notice ? t(notice as MessageKey) : ''}
      </p>
      {error && (
        <p class="error" role="alert" data-testid="vault-error" data-code={error.code}>
          {vaultErrorText(error)}
        </p>
      )}
    </section>
  );
}
