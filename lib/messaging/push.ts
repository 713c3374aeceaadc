import type { OAuthFlowSummary, PublicTabState } from '../protocol/messages';

/** Background → content script: Airlock's view of the tab changed. */
export interface PushMessage {
  airlock: 'push';
  state: PublicTabState;
}

export function isPushMessage(message: unknown): message is PushMessage {
  return typeof message === 'object' && message !== null && (message as PushMessage).airlock === 'push';
}

/** Background → content script (top frame of an agent's tab): a sign-in it started was handed off or ended. */
export interface OAuthPushMessage {
  airlock: 'push-oauth';
  oauth: OAuthFlowSummary;
}

export function isOAuthPushMessage(message: unknown): message is OAuthPushMessage {
  return typeof message === 'object' && message !== null && (message as OAuthPushMessage).airlock === 'push-oauth';
}
