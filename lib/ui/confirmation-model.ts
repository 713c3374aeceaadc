import { signal, type Signal } from '@preact/signals';
import { confirmationSubject, type ConfirmationTarget } from '../approvals/confirmation-subject';
import type { AssertionJSON, AssertionOptionsJSON, ConfirmationMethod, ConfirmPurpose, HumanProof } from '../approvals/messages';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';
import { attempt } from './attempt';

export interface ConfirmationModel {
  purpose: ConfirmPurpose;
  /** What the background asks for right now (null until loaded). */
  method: Signal<ConfirmationMethod | null>;
  /** A decision waits for the master password to be typed. */
  awaitingPassword: Signal<boolean>;
  busy: Signal<boolean>;
  error: Signal<UiError | null>;
  load(): Promise<void>;
  /**
   * Confirms `target` the way the background asks (passkey ceremony, master password, or a plain
   * click) and hands the proof to `send`, which sends the decision and throws if it is refused.
   * Resolves true once the decision went through; false when it failed or waits for the password.
   */
  confirm(target: ConfirmationTarget, send: (proof: HumanProof) => Promise<void>): Promise<boolean>;
  /** Sends the waiting decision with the typed master password; a wrong one keeps the form open. */
  submitPassword(password: string): Promise<boolean>;
  cancel(): void;
}

export interface ConfirmationModelDeps {
  /** Runs the WebAuthn ceremony (user verification required) in this page. */
  assert(options: AssertionOptionsJSON): Promise<AssertionJSON>;
}

/** One piece for every human decision that needs proof: the components only render it. */
export function createConfirmationModel(purpose: ConfirmPurpose, deps: ConfirmationModelDeps): ConfirmationModel {
  const method = signal<ConfirmationMethod | null>(null);
  const awaitingPassword = signal(false);
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  let waiting: ((proof: HumanProof) => Promise<void>) | null = null;

  async function load(): Promise<void> {
    // Asked twice before giving up: the worker may be starting (or restarting) when a view opens.
    for (let attempt = 1; ; attempt++) {
      try {
        method.value = (await call('confirm.method', { purpose })).method;
        error.value = null;
        return;
      } catch (e) {
        if (attempt >= 2) {
          error.value = uiError(e);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  }

  return {
    purpose,
    method,
    awaitingPassword,
    busy,
    error,
    load,
    async confirm(target, send) {
      waiting = null;
      awaitingPassword.value = false;
      let asksPassword = false;
      const done = await attempt(busy, error, async () => {
        // Asked again at every decision: a passkey enrolled meanwhile changes the answer.
        const now = (await call('confirm.method', { purpose })).method;
        method.value = now;
        if (now === 'unavailable') throw new AirlockError('VAULT_NOT_CREATED', 'Create the vault first');
        if (now === 'unlock-first') throw new AirlockError('VAULT_LOCKED', 'Unlock the vault first');
        if (now === 'none') return send({ kind: 'none' });
        if (now === 'passkey') {
          const options = await call('passkey.factorOptions', { purpose, subject: confirmationSubject(target) });
          return send({ kind: 'passkey', assertion: await deps.assert(options) });
        }
        waiting = send;
        asksPassword = true;
      });
      awaitingPassword.value = asksPassword;
      return done && !asksPassword;
    },
    async submitPassword(password) {
      const send = waiting;
      if (!send) return false;
      const done = await attempt(busy, error, () => send({ kind: 'master-password', password }));
      if (done) {
        waiting = null;
        awaitingPassword.value = false;
      }
      return done;
    },
    cancel() {
      waiting = null;
      awaitingPassword.value = false;
      error.value = null;
    },
  };
}
