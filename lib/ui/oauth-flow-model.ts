import { signal, type Signal } from '@preact/signals';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import type { OAuthFlowView } from '../oauth/views';
import { createConfirmationModel, type ConfirmationModel, type ConfirmationModelDeps } from './confirmation-model';

export interface OAuthFlowModel {
  flow: Signal<OAuthFlowView | null>;
  error: Signal<{ code: string; message: string } | null>;
  busy: Signal<boolean>;
  /** How Continue is proven (passkey, else the master password, else an unconfirmed click). */
  confirmation: ConfirmationModel;
  refresh(): Promise<void>;
  decide(decision: 'continue' | 'deny'): Promise<void>;
}

/** State and actions of the human window's consent screen; the component only renders it. */
export function createOAuthFlowModel(flowId: string | null, deps: ConfirmationModelDeps): OAuthFlowModel {
  const confirmation = createConfirmationModel('oauth-continue', deps);
  const flow = signal<OAuthFlowView | null>(null);
  const error = signal<{ code: string; message: string } | null>(flowId === null ? { code: 'OAUTH_FLOW_NOT_FOUND', message: '' } : null);
  const busy = signal(false);

  async function run(action: () => Promise<OAuthFlowView>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      flow.value = await action();
    } catch (e) {
      error.value = e instanceof AirlockError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'Internal error' };
    } finally {
      busy.value = false;
    }
  }

  return {
    flow,
    error,
    busy,
    confirmation,
    async refresh() {
      if (flowId !== null) await run(() => call('oauth.flow', { flowId }));
    },
    async decide(decision) {
      if (flowId === null) return;
      // Deny needs no proof; Continue carries the human's.
      if (decision === 'deny') return run(() => call('oauth.decide', { flowId, decision, proof: null }));
      error.value = null;
      await confirmation.confirm({ purpose: 'oauth-continue', flowId }, async (proof) => {
        flow.value = await call('oauth.decide', { flowId, decision, proof });
      });
    },
  };
}
