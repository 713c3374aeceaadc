import type { PublicTabState } from '../protocol/messages';

/** Background → content script: Airlock's view of the tab changed. */
export interface PushMessage {
  airlock: 'push';
  state: PublicTabState;
}

export function isPushMessage(message: unknown): message is PushMessage {
  return typeof message === 'object' && message !== null && (message as PushMessage).airlock === 'push';
}
