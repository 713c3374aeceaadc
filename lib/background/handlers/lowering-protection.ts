import { AirlockError } from '../../errors/airlock-error';
import type { SenderContext } from '../../messaging/sender';

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
