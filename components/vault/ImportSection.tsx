import { useState } from 'preact/hooks';
import { t, tCount, type MessageKey } from '../../lib/i18n';
import type { ImportModel } from '../../lib/ui/vault-import-model';
import { download } from './download';
import { vaultErrorText } from './vault-error-text';

const FORMAT_NAMES: Record<string, string> = { chrome: 'Chrome', firefox: 'Firefox', bitwarden: 'Bitwarden', onepassword: '1Password', keepassxc: 'KeePassXC', safari: 'Safari' };
const SKIP_KEYS: Record<string, MessageKey> = {
  'not-a-login': 'importSkipNotLogin',
  'no-password': 'importSkipNoPassword',
  'no-url': 'importSkipNoUrl',
  'unsupported-url': 'importSkipUnsupportedUrl',
  'insecure-url': 'importSkipInsecureUrl',
  duplicate: 'importSkipDuplicate',
};

async function readFile(input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  return file ? file.text() : null;
}

/** Settings: import a CSV (preview, then confirm), and encrypted export / re-import. */
export function ImportSection({ model }: { model: ImportModel }) {
  const [master, setMaster] = useState('');
  const [exportPassword, setExportPassword] = useState('');
  const [importPassword, setImportPassword] = useState('');
  const [exported, setExported] = useState<number | null>(null);
  const preview = model.preview.value;
  const progress = model.progress.value;
  const result = model.result.value;
  const error = model.error.value;
  const busy = model.busy.value;
  const value = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement).value);
  return (
    <section aria-labelledby="import-heading" data-testid="vault-import">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p>{t('importIntro')}</p>
      <label>
        {t('importChooseCsv')}
        <input
          type="file"
          name="csv"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => void readFile(e.currentTarget as HTMLInputElement).then((text) => (text === null ? undefined : model.choose(text)))}
        />
      </label>
      {progress && (
        <p data-testid="import-progress">
          <progress max={progress.total} value={progress.done} /> {t(progress.phase === 'writing' ? 'importWriting' : 'importReading', [String(progress.done), String(progress.total)])}
        </p>
      )}
      {preview && (
        <div data-testid="import-preview" data-rows={preview.rows.length} data-skipped={preview.skipped.length} data-format={preview.format}>
          <p>{t('importPreview', [FORMAT_NAMES[preview.format] ?? preview.format, String(preview.rows.length), String(preview.skipped.length)])}</p>
          <table>
            <thead>
              <tr>
                <th>{t('importLine')}</th>
                <th>{t('vaultEntryOrigin')}</th>
                <th>{t('vaultEntryUsername')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 20).map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.origins.join(' ')}</td>
                  <td>{row.username}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.skipped.length > 0 && (
            <ul data-testid="import-skipped">
              {preview.skipped.slice(0, 50).map((skip) => (
                <li key={skip.line}>{t('importSkipped', [String(skip.line), t(SKIP_KEYS[skip.reason] ?? 'importSkipNotLogin')])}</li>
              ))}
            </ul>
          )}
          <button type="button" data-action="confirm-import" disabled={busy || preview.rows.length === 0} onClick={() => void model.confirm()}>
            {tCount('importConfirm', preview.rows.length)}
          </button>{' '}
          <button type="button" class="secondary" disabled={busy} onClick={() => model.cancel()}>
            {t('vaultCancel')}
          </button>
        </div>
      )}
      {result && <p data-testid="import-result" aria-live="polite">{t('importDone', [String(result.added), String(result.duplicates ?? 0)])}</p>}

      <h3>{t('exportHeading')}</h3>
      <form
        data-testid="vault-export"
        class="entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          void model.exportEncrypted(master, exportPassword).then((out) => {
            setMaster('');
            if (!out) return;
            setExported(out.exported);
            download('airlock-vault-export.json', out.text, 'application/json');
          });
        }}
      >
        <label>
          {t('vaultMasterPassword')}
          <input type="password" name="master-password" autocomplete="current-password" required value={master} onInput={value(setMaster)} />
        </label>
        <label>
          {t('exportPassword')}
          <input type="password" name="export-password" autocomplete="new-password" required value={exportPassword} onInput={value(setExportPassword)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('exportButton')}
        </button>
        {exported !== null && <p data-testid="export-result">{tCount('exportDone', exported)}</p>}
      </form>

      <h3>{t('importEncryptedHeading')}</h3>
      <form
        data-testid="vault-import-encrypted"
        class="entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          const input = (e.currentTarget as HTMLFormElement).elements.namedItem('export-file') as HTMLInputElement;
          void readFile(input).then((text) => (text === null ? undefined : model.importEncrypted(text, importPassword)));
        }}
      >
        <input type="file" name="export-file" accept=".json,application/json" required />
        <label>
          {t('exportPassword')}
          <input type="password" name="import-password" autocomplete="off" required value={importPassword} onInput={value(setImportPassword)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('importEncryptedButton')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-testid="import-error" data-code={error.code}>
          {vaultErrorText(error)}
        </p>
      )}
    </section>
  );
}
