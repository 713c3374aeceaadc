import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tCount } from '../../lib/i18n';
import type { VaultEntryPatch, VaultListing } from '../../lib/takeover/views';
import { EntryForm } from './EntryForm';
import { matchingEntries, SHOWN_ENTRIES } from './entry-search';

export function EntryList({ listing, busy, onUpdate, onDelete }: { listing: VaultListing; busy: boolean; onUpdate(id: string, patch: VaultEntryPatch): Promise<boolean>; onDelete(id: string): void }) {
  const [editing, setEditing] = useState<string | null>(null);
  // Deleting asks once more, in the row: one stray click must not lose an entry.
  const [deleting, setDeleting] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const matches = matchingEntries(listing.entries, query);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Focus moves to the confirmation once, when it opens (not on every render, where a keystroke meant
  // for the search box would land on it), and back to the row's Delete button when it closes.
  const askedBefore = useRef<string | null>(null);
  useEffect(() => {
    if (deleting) confirmButton.current?.focus();
    else if (askedBefore.current) document.querySelector<HTMLButtonElement>(`button[data-delete-id="${CSS.escape(askedBefore.current)}"]`)?.focus();
    askedBefore.current = deleting;
  }, [deleting]);
  return (
    <>
      <p class="muted" data-testid="entry-count">{tCount('vaultEntryCount', listing.entries.length)}</p>
      {listing.entries.length > 0 && (
        <label>
          {t('vaultSearch')}{' '}
          <input
            type="search"
            data-testid="entry-search"
            value={query}
            onInput={(e) => {
              // A pending confirmation closes quietly: the keyboard stays in the search box.
              askedBefore.current = null;
              setDeleting(null);
              setQuery((e.currentTarget as HTMLInputElement).value);
            }}
          />
        </label>
      )}
      {query.trim() !== '' && (
        <p class="muted" role="status" data-testid="entry-matches">
          {tCount('vaultSearchMatches', matches.length)}
        </p>
      )}
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
        {matches.slice(0, SHOWN_ENTRIES).map((entry) => (
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
            ) : deleting === entry.id ? (
              <span role="group" aria-label={t('vaultDeleteConfirm', entry.title || entry.origins[0] || entry.id)}>
                {t('vaultDeleteConfirm', entry.title || entry.origins[0] || entry.id)}{' '}
                <button type="button" class="danger" data-confirm-delete-id={entry.id} disabled={busy} ref={confirmButton} onClick={() => (askedBefore.current = null, setDeleting(null), onDelete(entry.id))}>
                  {t('vaultDeleteForGood')}
                </button>{' '}
                <button type="button" disabled={busy} onClick={() => setDeleting(null)}>
                  {t('vaultKeep')}
                </button>
              </span>
            ) : (
              <>
                <strong>{entry.title || entry.origins[0]}</strong> <span>{entry.username}</span> <code>{entry.origins.join(' ')}</code>
                {entry.matchMode === 'site' && <span class="muted"> {t('vaultSiteMatchShort')}</span>}
                {entry.hasTotp && <span class="muted"> {t('vaultHasTotp')}</span>}{' '}
                <button type="button" data-edit-id={entry.id} disabled={busy} onClick={() => setEditing(entry.id)}>
                  {t('vaultEdit')}
                </button>{' '}
                <button type="button" data-delete-id={entry.id} disabled={busy} onClick={() => setDeleting(entry.id)}>
                  {t('vaultDelete')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {matches.length > SHOWN_ENTRIES && <p class="muted">{t('vaultMoreEntries', String(matches.length - SHOWN_ENTRIES))}</p>}
    </>
  );
}
