import type { ActionSource } from '../../approvals/approval-service';
import type { SenderContext } from '../../messaging/sender';
import { senderTab } from './require-tab';

/** Where a held action comes from, as the browser reported it (never what the page says about itself). */
export function actionSource(sender: SenderContext): ActionSource {
  const { tabId, windowId } = senderTab(sender);
  return { tabId, windowId, frameId: sender.frameId ?? 0, origin: sender.origin };
}
