import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';

export interface IdleLockModel {
  minutes: Signal<number | null>;
  choices: Signal<readonly number[]>;
  error: Signal<UiError | null>;
  /** Set once a change was taken, for the page to say so. */
  saved: Signal<boolean>;
  refresh(): Promise<void>;
  choose(minutes: number): Promise<void>;
}

/** The options page's "lock after N minutes unused" setting. */
export function createIdleLockModel(): IdleLockModel {
  const minutes = signal<number | null>(null);
  const choices = signal<readonly number[]>([]);
  const error = signal<UiError | null>(null);
  const saved = signal(false);
  const show = (value: { minutes: number; choices: readonly number[] }) => {
    minutes.value = value.minutes;
    choices.value = value.choices;
  };
  return {
    minutes,
    choices,
    error,
    saved,
    async refresh() {
      try {
        show(await call('vault.idleLock', {}));
      } catch (e) {
        error.value = uiError(e);
      }
    },
    async choose(next) {
      error.value = null;
      saved.value = false;
      try {
        show(await call('vault.setIdleLock', { minutes: next }));
        saved.value = true;
      } catch (e) {
        error.value = uiError(e);
        // The select shows what is in force, not what was refused.
        await this.refresh();
      }
    },
  };
}
