import type { ErrorData } from '../errors/airlock-error';
import type { OAuthFlowSummary, PublicTabState, SealedAccessToken } from '../protocol/messages';

/** Background → content script: Airlock's view of the tab changed. */
export interface PushMessage {
  airlock: 'push';
  state: PublicTabState;
}

export function isPushMessage(message: unknown): message is PushMessage {
  return typeof message === 'object' && message !== null && (message as PushMessage).airlock === 'push';
}

/** Background → content script (top frame): answered at once, to learn that the page's renderer runs. */
export interface PingMessage {
  airlock: 'ping';
}

export function isPingMessage(message: unknown): message is PingMessage {
  return typeof message === 'object' && message !== null && (message as PingMessage).airlock === 'ping';
}

/** Background → content script (top frame of an agent's tab): a sign-in it started was handed off or ended. */
export interface OAuthPushMessage {
  airlock: 'push-oauth';
  oauth: OAuthFlowSummary;
}

export function isOAuthPushMessage(message: unknown): message is OAuthPushMessage {
  return typeof message === 'object' && message !== null && (message as OAuthPushMessage).airlock === 'push-oauth';
}

/**
 * Background → the one document that asked for a token (tabs.sendMessage with its `documentId` where
 * the browser offers it): the answer to a `token.request` ticket, a token or an error.
 */
export interface TokenPushMessage {
  airlock: 'push-token';
  ticket: string;
  result: { ok: true; token: SealedAccessToken } | { ok: false; error: ErrorData };
}

export function isTokenPushMessage(message: unknown): message is TokenPushMessage {
  const candidate = message as TokenPushMessage | null;
  return typeof candidate === 'object' && candidate !== null && candidate.airlock === 'push-token' && typeof candidate.ticket === 'string' && typeof candidate.result === 'object' && candidate.result !== null;
}

/** Background → Airlock's views (popup, side panel): an Airlock page was found in a tab, or closed. */
export interface OwnPagePushMessage {
  airlock: 'push-own-page';
}

export function isOwnPagePushMessage(message: unknown): message is OwnPagePushMessage {
  return typeof message === 'object' && message !== null && (message as OwnPagePushMessage).airlock === 'push-own-page';
}

/** Background → Airlock's views: the vault locked or unlocked (its key is in the worker's memory only). */
export interface VaultPushMessage {
  airlock: 'push-vault';
  unlocked: boolean;
}

export function isVaultPushMessage(message: unknown): message is VaultPushMessage {
  return typeof message === 'object' && message !== null && (message as VaultPushMessage).airlock === 'push-vault';
}
