import { signal, type Signal } from '@preact/signals';
import type { AssertionJSON, AssertionOptionsJSON, HumanProof, PasskeyView, RegistrationJSON, RegistrationOptionsJSON } from '../approvals/messages';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';
import { createConfirmationModel, type ConfirmationModel } from './confirmation-model';

export interface PasskeysModel {
  passkeys: Signal<PasskeyView[] | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  /** The first passkey is confirmed with the vault's master password (none can vouch for it yet). */
  firstEnrollment: ConfirmationModel;
  refresh(): Promise<void>;
  enroll(name: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface PasskeysModelDeps {
  register(options: RegistrationOptionsJSON): Promise<RegistrationJSON>;
  assert(options: AssertionOptionsJSON): Promise<AssertionJSON>;
}

/**
 * Passkey enrollment in the options page. The first passkey needs the vault's master password; a
 * second one, and every removal, needs an enrolled passkey first.
 */
export function createPasskeysModel(deps: PasskeysModelDeps): PasskeysModel {
  const passkeys = signal<PasskeyView[] | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);
  const firstEnrollment = createConfirmationModel('passkey-enroll', deps);

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
    firstEnrollment,
    refresh: () => run(() => call('passkey.list', {})),
    async enroll(name) {
      const create = async (proof: HumanProof | null) => {
        const { options, factor } = await call('passkey.registrationOptions', { name });
        // The existing factor first: the human confirms they may add a passkey before creating one.
        const assertion = factor ? await deps.assert(factor) : null;
        const registration = await deps.register(options);
        return call('passkey.enroll', { registration, name, factor: assertion, proof });
      };
      if ((passkeys.value ?? []).length > 0) return run(() => create(null));
      error.value = null;
      // The first one: the master password is asked (and a wrong one re-asked) by the confirmation piece.
      await firstEnrollment.confirm({ purpose: 'passkey-enroll' }, async (proof) => {
        passkeys.value = await create(proof);
      });
    },
    rename: (id, name) => run(() => call('passkey.rename', { id, name })),
    remove: (id) =>
      run(async () => {
        const options = await call('passkey.factorOptions', { purpose: 'remove-passkey', subject: id });
        const factor = await deps.assert(options);
        return call('passkey.remove', { id, factor });
      }),
  };
}
