import { useState } from 'preact/hooks';
import { t, tCount } from '../../lib/i18n';
import type { VaultEntryPatch, VaultListing } from '../../lib/takeover/views';
import { EntryForm } from './EntryForm';

export function EntryList({ listing, busy, onUpdate, onDelete }: { listing: VaultListing; busy: boolean; onUpdate(id: string, patch: VaultEntryPatch): Promise<boolean>; onDelete(id: string): void }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <p class="muted" data-testid="entry-count">{tCount('vaultEntryCount', listing.entries.length)}</p>
      {listing.corrupt.length > 0 && (
        <div role="alert" class="error" data-testid="corrupt-entries">
          <p>{t('vaultCorrupt', String(listing.corrupt.length))}</p>
          <ul>
            {listing.corrupt.map((id) => (
              <li key={id}>
                <code>{id}</code>{' '}
                <button type="button" data-delete-id={id} disabled={busy} onClick={() => onDelete(id)}>
                  {t('vaultDelete')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul class="entry-list" data-testid="entries">
        {listing.entries.slice(0, 200).map((entry) => (
          <li key={entry.id} data-id={entry.id}>
            {editing === entry.id ? (
              <EntryForm
                entry={entry}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={(input) => {
                  const patch: VaultEntryPatch = { title: input.title, origins: input.origins, username: input.username, matchMode: input.matchMode };
                  if (input.password) patch.password = input.password;
                  if (input.totp) patch.totp = input.totp;
                  void onUpdate(entry.id, patch).then((ok) => ok && setEditing(null));
                }}
              />
            ) : (
              <>
                <strong>{entry.title || entry.origins[0]}</strong> <span>{entry.username}</span> <code>{entry.origins.join(' ')}</code>
                {entry.matchMode === 'site' && <span class="muted"> {t('vaultSiteMatchShort')}</span>}
                {entry.hasTotp && <span class="muted"> {t('vaultHasTotp')}</span>}{' '}
                <button type="button" data-edit-id={entry.id} disabled={busy} onClick={() => setEditing(entry.id)}>
                  {t('vaultEdit')}
                </button>{' '}
                <button type="button" data-delete-id={entry.id} disabled={busy} onClick={() => onDelete(entry.id)}>
                  {t('vaultDelete')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {listing.entries.length > 200 && <p class="muted">{t('vaultMoreEntries', String(listing.entries.length - 200))}</p>}
    </>
  );
}
