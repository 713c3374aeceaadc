import { signal, type Signal } from '@preact/signals';
import { AirlockError } from '../errors/airlock-error';
import type { TabAgentState } from '../messaging/contract';
import { call } from '../messaging/call';
import type { HumanScope } from '../agent/signals';
import { loweringChange } from '../approvals/confirmation-subject';
import { createConfirmationModel, type ConfirmationModel, type ConfirmationModelDeps } from './confirmation-model';

export interface TabStateModel {
  state: Signal<TabAgentState | null>;
  /** Stable error code of the last failed action, shown to the human in their language. */
  error: Signal<{ code: string; message: string } | null>;
  unreachable: Signal<boolean>;
  busy: Signal<boolean>;
  refresh(): Promise<void>;
  setToggle(scope: HumanScope, agent: boolean | null): Promise<void>;
  setDebuggerSignal(enabled: boolean): Promise<void>;
  /** Proof for a change that lowers protection (switching to "Me", clearing a toggle, the debugger signal off). */
  confirmation: ConfirmationModel;
}

/** State and actions of the popup's "who is driving this tab" section; components only render it. */
export function createTabStateModel(tabId: number | null, requestDebuggerPermission: () => Promise<boolean>, deps: ConfirmationModelDeps): TabStateModel {
  const confirmation = createConfirmationModel('lower-protection', deps);
  const state = signal<TabAgentState | null>(null);
  const error = signal<{ code: string; message: string } | null>(null);
  const unreachable = signal(tabId === null);
  const busy = signal(false);

  async function run(action: () => Promise<TabAgentState>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      state.value = await action();
    } catch (e) {
      error.value = e instanceof AirlockError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'Internal error' };
    } finally {
      busy.value = false;
    }
  }

  return {
    state,
    error,
    unreachable,
    busy,
    confirmation,
    async refresh() {
      if (tabId === null) return;
      await run(() => call('ui.tabState', { tabId }));
    },
    async setToggle(scope, agent) {
      if (tabId === null) return;
      if (agent === true) return run(() => call('ui.setToggle', { tabId, scope, agent, proof: null }));
      error.value = null;
      await confirmation.confirm({ purpose: 'lower-protection', change: loweringChange({ kind: 'toggle', tabId, scope, agent }) }, async (proof) => {
        state.value = await call('ui.setToggle', { tabId, scope, agent, proof });
      });
    },
    async setDebuggerSignal(enabled) {
      if (tabId === null) return;
      if (enabled && !(await requestDebuggerPermission())) {
        error.value = { code: 'PERMISSION_DENIED', message: 'debugger permission not granted' };
        return;
      }
      if (enabled) return run(() => call('ui.setDebuggerSignal', { enabled, tabId, proof: null }));
      await confirmation.confirm({ purpose: 'lower-protection', change: loweringChange({ kind: 'debugger-signal' }) }, async (proof) => {
        state.value = await call('ui.setDebuggerSignal', { enabled, tabId, proof });
      });
    },
  };
}
