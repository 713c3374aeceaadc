import { loweringChange } from '../../approvals/confirmation-subject';
import type { HumanConfirmation } from '../../approvals/human-confirmation';
import type { HumanProof } from '../../approvals/messages';
import { AirlockError } from '../../errors/airlock-error';
import type { SenderContext } from '../../messaging/sender';
import { PROTECTIONS } from '../../security/protections';

/**
 * Anything that lowers protection is accepted only from the toolbar popup. An Airlock page loaded in
 * a tab is reachable by whoever drives that tab: an agent can navigate to chrome-extension://…/popup.html
 * and click, but it cannot open the toolbar popup itself.
 */
export function requireToolbarForLowering(sender: SenderContext): void {
  if (sender.kind !== 'extension-view') {
    throw new AirlockError('SENDER_FORBIDDEN', 'Lowering protection is only possible from the toolbar popup');
  }
}

/**
 * Lowering protection is a human decision like any other: proven with a passkey assertion for this
 * exact change, or while none is enrolled the master password (typed in the popup or side panel).
 * Without the confirmation service (unit tests of other handlers) it is refused.
 */
export async function confirmLowering(
  confirmation: HumanConfirmation | undefined,
  change: Parameters<typeof loweringChange>[0],
  proof: HumanProof | null,
  sender: SenderContext,
): Promise<void> {
  requireToolbarForLowering(sender);
  if (!PROTECTIONS.provenDecisions) return;
  if (!confirmation) throw new AirlockError('CONFIRMATION_REQUIRED', 'Lowering protection needs the human\'s confirmation');
  await confirmation.confirm({ purpose: 'lower-protection', change: loweringChange(change) }, proof, sender);
}
