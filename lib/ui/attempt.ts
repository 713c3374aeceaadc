import type { Signal } from '@preact/signals';
import { uiError, type UiError } from './approvals-model';

/** Runs a UI action with a busy flag, turning its failure into the model's error. True when it succeeded. */
export async function attempt(busy: Signal<boolean>, error: Signal<UiError | null>, action: () => Promise<unknown>): Promise<boolean> {
  busy.value = true;
  error.value = null;
  try {
    await action();
    return true;
  } catch (e) {
    error.value = uiError(e);
    return false;
  } finally {
    busy.value = false;
  }
}
