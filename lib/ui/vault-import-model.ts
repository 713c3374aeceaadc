import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { CsvImportPreview, CsvProgress } from '../vault/csv/parse-csv-import';
import { parseCsvImport } from '../vault/csv/parse-csv-import';
import type { VaultEntryInput } from '../takeover/views';
import { uiError, type UiError } from './approvals-model';

export interface ImportModel {
  /** The preview of the chosen file; nothing is written until `confirm()`. */
  preview: Signal<CsvImportPreview | null>;
  /** Reading and checking the file, then writing it (0..1); null when idle. */
  progress: Signal<{ phase: 'reading' | 'checking' | 'writing'; done: number; total: number } | null>;
  result: Signal<{ added: number; duplicates?: number } | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  choose(text: string): Promise<void>;
  confirm(): Promise<void>;
  cancel(): void;
  importEncrypted(text: string, password: string): Promise<void>;
  exportEncrypted(masterPassword: string, exportPassword: string): Promise<{ text: string; exported: number } | null>;
  /** Called with storage.session's import progress while the background writes. */
  onWriteProgress(done: number, total: number): void;
}

/** CSV import (preview first, written only on confirm), encrypted export and re-import. */
export function createImportModel(deps: { onChanged(): void } = { onChanged: () => undefined }): ImportModel {
  const preview = signal<CsvImportPreview | null>(null);
  const progress = signal<ImportModel['progress']['value']>(null);
  const result = signal<ImportModel['result']['value']>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);

  async function run<T>(action: () => Promise<T>): Promise<T | null> {
    busy.value = true;
    error.value = null;
    try {
      return await action();
    } catch (e) {
      error.value = uiError(e);
      return null;
    } finally {
      busy.value = false;
      progress.value = null;
    }
  }

  return {
    preview,
    progress,
    result,
    error,
    busy,
    async choose(text) {
      preview.value = null;
      result.value = null;
      // A malformed or truncated file throws here, before anything could be written.
      preview.value = await run(() => parseCsvImport(text, (p: CsvProgress) => (progress.value = p)));
    },
    async confirm() {
      const rows = preview.value?.rows;
      if (!rows?.length) return;
      const inputs: VaultEntryInput[] = rows.map((row) => {
        const input: VaultEntryInput = { title: row.title, origins: row.origins, username: row.username, password: row.password };
        if (row.totp) input.totp = row.totp;
        if (row.notes) input.notes = row.notes;
        return input;
      });
      progress.value = { phase: 'writing', done: 0, total: inputs.length };
      const outcome = await run(() => call('vault.import', { rows: inputs }));
      if (outcome) {
        result.value = outcome;
        preview.value = null;
        deps.onChanged();
      }
    },
    cancel() {
      preview.value = null;
      error.value = null;
    },
    async importEncrypted(text, password) {
      result.value = await run(() => call('vault.importEncrypted', { text, exportPassword: password }));
      if (result.value) deps.onChanged();
    },
    exportEncrypted: (masterPassword, exportPassword) => run(() => call('vault.export', { masterPassword, exportPassword })),
    onWriteProgress(done, total) {
      if (busy.value) progress.value = { phase: 'writing', done, total };
    },
  };
}
