import { signal, type Signal } from '@preact/signals';
import type { AuditEntry, ReceiptCheck } from '../approvals/messages';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';

export interface ReceiptsModel {
  /** The step-up audit trail, newest first. */
  entries: Signal<AuditEntry[]>;
  /** Verification results by approval id. */
  checks: Signal<Record<string, ReceiptCheck>>;
  error: Signal<UiError | null>;
  refresh(): Promise<void>;
  verify(approvalId: string): Promise<void>;
  /** The whole trail as JSON (receipts included), for safekeeping or a check outside the browser. */
  exportJson(): Promise<string | null>;
}

/** The options page's step-up audit: decisions, refusals and approval receipts, each receipt verifiable. */
export function createReceiptsModel(): ReceiptsModel {
  const entries = signal<AuditEntry[]>([]);
  const checks = signal<Record<string, ReceiptCheck>>({});
  const error = signal<UiError | null>(null);

  // Errors become the model's error (shown by the component); a success clears it.
  const run = <T>(action: () => Promise<T>): Promise<T | null> =>
    action().then(
      (value) => {
        error.value = null;
        return value;
      },
      (e: unknown) => {
        error.value = uiError(e);
        return null;
      },
    );

  return {
    entries,
    checks,
    error,
    refresh: async () => {
      await run(async () => {
        entries.value = [...(await call('approval.audit', {}))].reverse();
      });
    },
    verify: async (approvalId) => {
      await run(async () => {
        const check = await call('approval.verifyReceipt', { approvalId });
        checks.value = { ...checks.value, [approvalId]: check };
      });
    },
    exportJson: () => run(async () => JSON.stringify(await call('approval.audit', {}), null, 2)),
  };
}
