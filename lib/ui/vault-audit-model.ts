import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { AuditListing } from '../takeover/views';
import { uiError, type UiError } from './approvals-model';

export interface AuditModel {
  listing: Signal<AuditListing | null>;
  error: Signal<UiError | null>;
  refresh(): Promise<void>;
  exportJson(): Promise<string | null>;
}

export function createAuditModel(): AuditModel {
  const listing = signal<AuditListing | null>(null);
  const error = signal<UiError | null>(null);
  return {
    listing,
    error,
    async refresh() {
      try {
        listing.value = await call('vault.audit', {});
      } catch (e) {
        error.value = uiError(e);
      }
    },
    async exportJson() {
      try {
        return (await call('vault.auditExport', {})).json;
      } catch (e) {
        error.value = uiError(e);
        return null;
      }
    },
  };
}
