/**
 * Background → content script messages of the credential takeover. They travel only through
 * `tabs.sendMessage(tabId, message, { frameId })` to the frame whose origin matched, never through
 * the page or the agent protocol.
 */
import type { LoginStep } from '../../takeover/views';

export interface FillMessage {
  airlock: 'takeover-fill';
  /** The request this frame made; a frame that did not make it (navigated, or never asked) refuses. `null` for a fill the human asked for in their own tab. */
  requestId: string | null;
  /** The origin the background released the secret for; the frame checks it is its own. */
  origin: string;
  step: LoginStep;
  username?: string;
  password?: string;
  otp?: string;
  /** Submit after filling, then clear what is left (agent tabs). False: fill only, for the human to submit. */
  submit?: boolean;
  /**
   * Set when `password` / `otp` is a placeholder, not the secret: the frame sends the request the page
   * then makes through Airlock (`credential.submit` with this id), which puts the real value in it.
   */
  swapId?: string;
}

/** The decision the human (or a policy) made, for the agent's protocol events. */
export interface TakeoverStatusMessage {
  airlock: 'takeover-status';
  requestId: string;
  status: 'denied' | 'refused' | 'expired';
  reason?: string;
}

export function isFillMessage(message: unknown): message is FillMessage {
  const m = message as FillMessage;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.airlock === 'takeover-fill' &&
    typeof m.origin === 'string' &&
    (m.requestId === null || typeof m.requestId === 'string') &&
    (m.step === 'username' || m.step === 'password' || m.step === 'otp')
  );
}

export function isTakeoverStatusMessage(message: unknown): message is TakeoverStatusMessage {
  const m = message as TakeoverStatusMessage;
  return typeof m === 'object' && m !== null && m.airlock === 'takeover-status' && typeof m.requestId === 'string';
}
