import { AirlockError } from '../../errors/airlock-error';
import type { SenderContext } from '../../messaging/sender';

/** The sender's tab and window; content-script messages always have them (checked by classifySender). */
export function senderTab(sender: SenderContext): { tabId: number; windowId: number } {
  if (sender.tabId === null || sender.windowId === null) throw new AirlockError('TAB_UNKNOWN', 'Sender has no tab');
  return { tabId: sender.tabId, windowId: sender.windowId };
}
