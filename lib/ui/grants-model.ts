import { signal, type Signal } from '@preact/signals';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import type { GrantView, TokenProvider } from '../oauth/views';

export interface GrantsModel {
  grants: Signal<GrantView[]>;
  providers: Signal<TokenProvider[]>;
  error: Signal<{ code: string; message: string } | null>;
  busy: Signal<boolean>;
  refresh(): Promise<void>;
  revoke(grantId: string): Promise<void>;
  saveProvider(provider: TokenProvider): Promise<void>;
}

/** The options page's token-broker section: configured providers and the grants agents hold. */
export function createGrantsModel(): GrantsModel {
  const grants = signal<GrantView[]>([]);
  const providers = signal<TokenProvider[]>([]);
  const error = signal<{ code: string; message: string } | null>(null);
  const busy = signal(false);

  async function run(action: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = e instanceof AirlockError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'Internal error' };
    } finally {
      busy.value = false;
    }
  }

  return {
    grants,
    providers,
    error,
    busy,
    refresh: () =>
      run(async () => {
        [grants.value, providers.value] = await Promise.all([call('token.grants', {}), call('token.providers', {})]);
      }),
    revoke: (grantId) =>
      run(async () => {
        grants.value = await call('token.revoke', { grantId });
      }),
    saveProvider: (provider) =>
      run(async () => {
        providers.value = await call('token.saveProvider', provider);
      }),
  };
}
