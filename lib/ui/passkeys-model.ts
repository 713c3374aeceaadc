import { signal, type Signal } from '@preact/signals';
import type { AssertionJSON, AssertionOptionsJSON, PasskeyView, RegistrationJSON, RegistrationOptionsJSON } from '../approvals/messages';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';

export interface PasskeysModel {
  passkeys: Signal<PasskeyView[] | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  refresh(): Promise<void>;
  enroll(name: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface PasskeysModelDeps {
  register(options: RegistrationOptionsJSON): Promise<RegistrationJSON>;
  assert(options: AssertionOptionsJSON): Promise<AssertionJSON>;
}

/** Passkey enrollment in the options page. A second passkey, and every removal, needs an enrolled one first. */
export function createPasskeysModel(deps: PasskeysModelDeps): PasskeysModel {
  const passkeys = signal<PasskeyView[] | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);

  async function run(action: () => Promise<PasskeyView[]>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      passkeys.value = await action();
    } catch (e) {
      error.value = uiError(e);
    } finally {
      busy.value = false;
    }
  }

  return {
    passkeys,
    error,
    busy,
    refresh: () => run(() => call('passkey.list', {})),
    enroll: (name) =>
      run(async () => {
        const { options, factor } = await call('passkey.registrationOptions', { name });
        // The existing factor first: the human confirms they may add a passkey before creating one.
        const proof = factor ? await deps.assert(factor) : null;
        const registration = await deps.register(options);
        return call('passkey.enroll', { registration, name, factor: proof });
      }),
    rename: (id, name) => run(() => call('passkey.rename', { id, name })),
    remove: (id) =>
      run(async () => {
        const options = await call('passkey.factorOptions', { purpose: 'remove-passkey', subject: id });
        const factor = await deps.assert(options);
        return call('passkey.remove', { id, factor });
      }),
  };
}
