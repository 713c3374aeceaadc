import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';
import { createConfirmationModel, type ConfirmationModel, type ConfirmationModelDeps } from './confirmation-model';

export interface VaultEditModel {
  /** When this page's edit session ends; null when there is none. */
  until: Signal<number | null>;
  error: Signal<UiError | null>;
  confirmation: ConfirmationModel;
  refresh(): Promise<void>;
  /** One confirmation (passkey, else the master password) opens a short session for this page. */
  begin(): Promise<void>;
  end(): Promise<void>;
  dispose(): void;
}

/** The options page's edit session: vault entries can be added, changed, deleted or imported only inside it. */
export function createVaultEditModel(deps: ConfirmationModelDeps & { now?(): number }): VaultEditModel {
  const now = deps.now ?? Date.now;
  const until = signal<number | null>(null);
  const error = signal<UiError | null>(null);
  const confirmation = createConfirmationModel('vault-edit', deps);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function show(value: number | null): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    until.value = value !== null && value > now() ? value : null;
    // The page shows the session ending when the background ends it.
    if (until.value !== null) timer = setTimeout(() => show(null), until.value - now());
  }

  return {
    until,
    error,
    confirmation,
    async refresh() {
      try {
        show((await call('vault.editSession', {})).until);
      } catch (e) {
        error.value = uiError(e);
      }
    },
    async begin() {
      await confirmation.confirm({ purpose: 'vault-edit' }, async (proof) => show((await call('vault.beginEdit', { proof })).until));
    },
    async end() {
      try {
        show((await call('vault.endEdit', {})).until);
      } catch (e) {
        error.value = uiError(e);
      }
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
    },
  };
}
