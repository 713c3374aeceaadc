import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { VaultEntryInput, VaultEntryView } from '../../lib/takeover/views';
import { generatePassword } from '../../lib/ui/vault-password-generator';

/**
 * Add or edit an entry. Editing never shows the stored password: a new one replaces it only when
 * typed (or generated) here.
 */
export function EntryForm({ entry, busy, onSave, onCancel }: { entry?: VaultEntryView; busy: boolean; onSave(input: VaultEntryInput): void; onCancel?(): void }) {
  const [title, setTitle] = useState(entry?.title ?? '');
  const [origin, setOrigin] = useState(entry?.origins.join(' ') ?? '');
  const [username, setUsername] = useState(entry?.username ?? '');
  const [password, setPassword] = useState('');
  const [revealed, setRevealed] = useState(false);
  const [totp, setTotp] = useState('');
  const [site, setSite] = useState(entry?.matchMode === 'site');
  const value = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement).value);
  return (
    <form
      class="entry-form"
      data-testid={entry ? 'entry-edit' : 'entry-add'}
      onSubmit={(e) => {
        e.preventDefault();
        const input: VaultEntryInput = { title, origins: origin.split(/\s+/).filter(Boolean), username, password, matchMode: site ? 'site' : 'exact' };
        if (totp) input.totp = totp;
        onSave(input);
      }}
    >
      <label>
        {t('vaultEntryTitle')}
        <input name="title" value={title} onInput={value(setTitle)} />
      </label>
      <label>
        {t('vaultEntryOrigin')}
        <input name="origin" required value={origin} placeholder="https://example.com" onInput={value(setOrigin)} />
      </label>
      <label class="check">
        <input type="checkbox" name="site-match" checked={site} onChange={(e) => setSite((e.currentTarget as HTMLInputElement).checked)} />
        {t('vaultEntrySiteMatch')}
      </label>
      <label>
        {t('vaultEntryUsername')}
        <input name="username" autocomplete="off" value={username} onInput={value(setUsername)} />
      </label>
      <label>
        {entry ? t('vaultEntryNewPassword') : t('vaultEntryPassword')}
        {revealed ? (
          <input name="password" type="text" autocomplete="off" required={!entry} value={password} onInput={value(setPassword)} />
        ) : (
          <input name="password" type="password" autocomplete="new-password" required={!entry} value={password} onInput={value(setPassword)} />
        )}
      </label>
      <div class="row">
        <button type="button" data-action="generate" onClick={() => setPassword(generatePassword({ length: 20, symbols: true }))}>
          {t('vaultGenerate')}
        </button>
        <label class="check">
          <input type="checkbox" name="reveal" checked={revealed} onChange={(e) => setRevealed((e.currentTarget as HTMLInputElement).checked)} />
          {t('vaultShowPassword')}
        </label>
      </div>
      <label>
        {t('vaultEntryTotp')}
        <input name="totp" autocomplete="off" value={totp} onInput={value(setTotp)} />
      </label>
      <div class="row">
        <button type="submit" disabled={busy}>
          {t('vaultSave')}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('vaultCancel')}
          </button>
        )}
      </div>
    </form>
  );
}
