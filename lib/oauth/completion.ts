import type { ErrorCode } from '../errors/codes';
import { isOpen, type BrokerFlow } from './flow';

export interface CompletionCheck {
  ok: boolean;
  code?: ErrorCode;
}

/** Whether `url` is the flow's redirect URI (same origin and path; the query carries the result). */
export function isRedirectTo(flow: BrokerFlow, url: string): boolean {
  const target = flow.request.redirectUri;
  if (!target) return false;
  try {
    const a = new URL(url);
    const b = new URL(target);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/** The authorization response's parameters: the query, or the fragment for implicit and hybrid flows. */
export function responseParams(url: string): URLSearchParams {
  const parsed = new URL(url);
  if (parsed.searchParams.has('state') || parsed.searchParams.has('code') || parsed.searchParams.has('error')) return parsed.searchParams;
  return new URLSearchParams(parsed.hash.slice(1));
}

/**
 * Decides whether a navigation to the redirect URI completes `flow`. The response must come back in
 * the human window's tab, while the flow is open and unexpired, with the exact `state` the request
 * carried (RFC 6749 §10.12; RFC 9700 §4.7). Fails closed: anything else is a refusal.
 */
export function checkCompletion(flow: BrokerFlow, tabId: number, url: string, now: number): CompletionCheck {
  const state = responseParams(url).get('state');
  if (state === null || state !== flow.request.state) return { ok: false, code: 'OAUTH_STATE_MISMATCH' };
  if (tabId !== flow.humanTabId) return { ok: false, code: 'OAUTH_WRONG_TAB' };
  if (flow.status === 'expired' || now >= flow.expiresAt) return { ok: false, code: 'OAUTH_EXPIRED' };
  if (flow.status !== 'in-progress') return { ok: false, code: isOpen(flow) ? 'OAUTH_NOT_CONTINUED' : 'OAUTH_FLOW_ENDED' };
  return { ok: true };
}
