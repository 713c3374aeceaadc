import { signal, type Signal } from '@preact/signals';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import type { OAuthFlowView } from '../oauth/views';
import type { ConfirmationModelDeps } from './confirmation-model';
import { createOAuthFlowModel, type OAuthFlowModel } from './oauth-flow-model';

export interface OAuthConsentsModel {
  /** One consent model per waiting sign-in, kept across refreshes so a decision under way is not lost. */
  flows: Signal<OAuthFlowModel[]>;
  error: Signal<{ code: string; message: string } | null>;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface OAuthConsentsModelDeps extends ConfirmationModelDeps {
  /** Calls back when the stored flows change; returns an unsubscribe function. */
  subscribe?(onChange: () => void): () => void;
}

/** Sign-ins an agent started, waiting for the human's Continue or Deny in the toolbar popup or side panel. */
export function createOAuthConsentsModel(deps: OAuthConsentsModelDeps): OAuthConsentsModel {
  const flows = signal<OAuthFlowModel[]>([]);
  const error = signal<{ code: string; message: string } | null>(null);
  const models = new Map<string, OAuthFlowModel>();

  async function refresh(): Promise<void> {
    let pending: OAuthFlowView[];
    try {
      pending = await call('oauth.pending', {});
      error.value = null;
    } catch (e) {
      error.value = e instanceof AirlockError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'Internal error' };
      return;
    }
    // A decided flow stays listed with its outcome until the next change of the list.
    const ids = new Set(pending.map((flow) => flow.flowId));
    for (const [id, model] of models) if (!ids.has(id) && model.flow.value?.status === 'pending') models.delete(id);
    for (const view of pending) {
      if (models.has(view.flowId)) continue;
      const model = createOAuthFlowModel(view.flowId, deps);
      model.flow.value = view;
      models.set(view.flowId, model);
    }
    flows.value = [...models.values()];
  }

  const unsubscribe = deps.subscribe?.(() => void refresh()) ?? (() => undefined);
  return { flows, error, refresh, dispose: unsubscribe };
}
