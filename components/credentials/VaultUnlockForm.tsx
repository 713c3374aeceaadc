import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';

/** The master-password prompt (popup and options); the password goes to the background and is not kept here. */
export function VaultUnlockForm({ busy, onUnlock, className = 'vault-unlock' }: { busy: boolean; onUnlock(password: string): void; className?: string }) {
  const [password, setPassword] = useState('');
  return (
    <form
      class={className}
      data-testid="vault-unlock"
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
        {t('vaultUnlock')}
      </button>
    </form>
  );
}
