import type { AuthorizationRequest } from './recognize';

/**
 * How the sign-in started: the agent's tab opened a pop-up or navigated itself (a hand-off), or the
 * token broker runs its own authorization request in a human window (where the browser offers no
 * `identity.launchWebAuthFlow`).
 */
export type FlowVariant = 'popup' | 'redirect' | 'token';

/** A sign-in an agent's tab started, which the agent may know about (token flows answer the token request instead). */
export type HandOffFlow = BrokerFlow & { variant: 'popup' | 'redirect' };

export function isHandOff(flow: BrokerFlow): flow is HandOffFlow {
  return flow.variant !== 'token';
}

/**
 * pending: the human window shows the consent screen; in-progress: the human continued to the
 * provider; then one end state. Only `pending` and `in-progress` accept anything.
 */
export type FlowStatus = 'pending' | 'in-progress' | 'completed' | 'denied' | 'refused' | 'expired';

/** A brokered sign-in, persisted in storage.session (it survives a service-worker restart). */
export interface BrokerFlow {
  id: string;
  variant: FlowVariant;
  status: FlowStatus;
  /** The agent's tab: it receives the result and never shows the provider's pages. */
  originTabId: number;
  /** The human window Airlock created, and its only tab. */
  humanTabId: number;
  humanWindowId: number;
  request: AuthorizationRequest;
  /** Who the agent said it is (handshake), or the signal that gave it away. */
  agent: string;
  createdAt: number;
  expiresAt: number;
  /** Stable error code of a refusal or denial. */
  reason?: string;
}

/** How long the human has to finish a brokered sign-in (the provider's own interaction lasts longer). */
export const FLOW_TTL_MS = 10 * 60_000;
/** Ended flows are kept this long, so that a late completion is recognised and refused, not let through. */
export const FLOW_RETAIN_MS = 30 * 60_000;

export function isOpen(flow: BrokerFlow): boolean {
  return flow.status === 'pending' || flow.status === 'in-progress';
}
