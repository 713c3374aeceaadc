import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import { AirlockError } from '../../errors/airlock-error';
import type { SenderContext } from '../../messaging/sender';
import type { VaultServices } from '../../takeover/vault-service';

/**
 * Vault edits go ahead only inside the sender's live edit session (opened by a human confirmation on
 * that page). Outside one they change nothing, and the attempt is recorded: it is what an agent
 * driving an options page it opened itself would try.
 */
export async function requireEditSession(sessions: VaultEditSessions, services: VaultServices, sender: SenderContext, kind: string): Promise<void> {
  try {
    await sessions.require(sender);
  } catch (error) {
    const code = error instanceof AirlockError ? error.code : 'INTERNAL';
    await services.record({ kind: 'refusal', reason: code, ...(sender.tabId !== null ? { tabId: sender.tabId } : {}), details: { message: kind, sender: sender.kind } });
    throw error;
  }
}
