import { signal, type Signal } from '@preact/signals';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import type { TokenRequestView } from '../oauth/views';

export interface TokenRequestsModel {
  requests: Signal<TokenRequestView[]>;
  /** Minutes the human grants access for. */
  lifetimeMinutes: Signal<number>;
  error: Signal<{ code: string; message: string } | null>;
  refresh(): Promise<void>;
  decide(requestId: string, approve: boolean): Promise<void>;
}

export const LIFETIME_CHOICES = [5, 15, 60] as const;

/** Token requests waiting for the human in the toolbar popup. */
export function createTokenRequestsModel(): TokenRequestsModel {
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

  return {
    requests,
    lifetimeMinutes,
    error,
    refresh: () => run(() => call('token.pending', {})),
    decide: (requestId, approve) => run(() => call('token.decide', { requestId, approve, lifetimeMinutes: lifetimeMinutes.value })),
  };
}
