import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/i18n';

/**
 * The master-password prompt (popup and options); the password goes to the background and is not kept
 * here. With `onPasskey`, a passkey enrolled for the vault unlocks it instead. Other actions that ask
 * for the master password again (setting up a passkey) use it with their own `submitLabel`.
 */
export function VaultUnlockForm({
  busy,
  onUnlock,
  onPasskey,
  className = 'vault-unlock',
  testId = 'vault-unlock',
  submitLabel = 'vaultUnlock',
}: {
  busy: boolean;
  onUnlock(password: string): void;
  onPasskey?: () => void;
  className?: string;
  testId?: string;
  submitLabel?: MessageKey;
}) {
  const [password, setPassword] = useState('');
  return (
    <form
      class={className}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onUnlock(password);
        setPassword('');
      }}
    >
      <label>
        {t('vaultMasterPassword')}
        <input type="password" name="master-password" autocomplete="current-password" required value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" disabled={busy}>
        {t(submitLabel)}
      </button>
      {onPasskey && (
        <button type="button" class="secondary" data-action="unlock-passkey" disabled={busy} onClick={onPasskey}>
          {t('vaultUnlockWithPasskey')}
        </button>
      )}
    </form>
  );
}
