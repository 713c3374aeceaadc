import { signal, type Signal } from '@preact/signals';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import type { TokenRequestView } from '../oauth/views';
import { createConfirmationModel, type ConfirmationModel, type ConfirmationModelDeps } from './confirmation-model';

export interface TokenRequestsModel {
  requests: Signal<TokenRequestView[]>;
  /** Minutes the human grants access for. */
  lifetimeMinutes: Signal<number>;
  error: Signal<{ code: string; message: string } | null>;
  /** How an approval is proven (passkey, else the master password, else an unconfirmed click). */
  confirmation: ConfirmationModel;
  refresh(): Promise<void>;
  decide(requestId: string, approve: boolean): Promise<void>;
  /** Stops following the stored requests. */
  dispose(): void;
}

export interface TokenRequestsModelDeps extends ConfirmationModelDeps {
  /** Calls back when the stored token requests change (storage.session); returns an unsubscribe function. */
  subscribe?(onChange: () => void): () => void;
}

export const LIFETIME_CHOICES = [5, 15, 60] as const;

/** Token requests waiting for the human in the toolbar popup; an open popup shows new ones as they come. */
export function createTokenRequestsModel(deps: TokenRequestsModelDeps): TokenRequestsModel {
  const confirmation = createConfirmationModel('token-approve', deps);
  const requests = signal<TokenRequestView[]>([]);
  const lifetimeMinutes = signal<number>(LIFETIME_CHOICES[1]);
  const error = signal<{ code: string; message: string } | null>(null);

  async function run(action: () => Promise<TokenRequestView[]>): Promise<void> {
    error.value = null;
    try {
      requests.value = await action();
    } catch (e) {
      error.value = e instanceof AirlockError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'Internal error' };
    }
  }

  const refresh = () => run(() => call('token.pending', {}));
  const unsubscribe = deps.subscribe?.(() => void refresh()) ?? (() => undefined);

  return {
    requests,
    lifetimeMinutes,
    error,
    confirmation,
    refresh,
    dispose: unsubscribe,
    async decide(requestId, approve) {
      const minutes = lifetimeMinutes.value;
      if (!approve) return run(() => call('token.decide', { requestId, approve, lifetimeMinutes: minutes, proof: null }));
      const request = requests.value.find((r) => r.requestId === requestId);
      if (!request) return;
      error.value = null;
      // The proof names the request, its scopes and the lifetime chosen: changing either needs a new one.
      await confirmation.confirm({ purpose: 'token-approve', requestId, scopes: request.scopes, lifetimeMinutes: minutes }, async (proof) => {
        requests.value = await call('token.decide', { requestId, approve, lifetimeMinutes: minutes, proof });
      });
    },
  };
}
