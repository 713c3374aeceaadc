/**
 * Airlock agent protocol, version 1: page-level messages between an agent (running in, or evaluating
 * code in, the page's main world) and Airlock's content script. Documented in README.md, "Agent
 * protocol". Nothing secret ever crosses it, and nothing sent through it can lower protection: the
 * only thing a page may declare is that the tab is agent-driven.
 */
import type { ErrorData } from '../errors/airlock-error';
import type { AgentSignal } from '../agent/signals';
import type { FormReport } from '../detect/types';

export type { FieldReport, FieldRole, FormKind, FormReport } from '../detect/types';

export const PROTOCOL_VERSION = 1;
/** `channel` of messages an agent sends. */
export const AGENT_CHANNEL = 'airlock-agent';
/** `channel` of messages Airlock sends back. */
export const AIRLOCK_CHANNEL = 'airlock';

export interface AgentIdentity {
  name: string;
  version?: string;
}

export type AgentRequest =
  | { channel: typeof AGENT_CHANNEL; v: number; id: string; type: 'hello'; agent: AgentIdentity }
  | { channel: typeof AGENT_CHANNEL; v: number; id: string; type: 'state' }
  /** OAuth broker: the sign-ins Airlock brokered for this tab (status only; never a code or token). */
  | { channel: typeof AGENT_CHANNEL; v: number; id: string; type: 'oauth' }
  /** Token broker: ask for an access token for a provider the human configured, with these scopes. */
  | { channel: typeof AGENT_CHANNEL; v: number; id: string; type: 'token'; provider: string; scopes: string[]; encryptTo: AgentPublicKey };

/** What Airlock tells an agent about its tab. */
export interface PublicTabState {
  agentDriven: boolean;
  signals: AgentSignal[];
  /** True when the human switched agent mode off but a stronger signal (handshake, policy) won. */
  overriddenHumanOff: boolean;
}

/**
 * What Airlock sees in the frame that answered: its origin and the forms detected there (kind, each
 * field's role and selector). Never a field's value.
 */
export interface FrameReport {
  origin: string;
  forms: FormReport[];
}

export type AirlockReply =
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string; type: 'welcome'; protocol: number; state: PublicTabState; frame?: FrameReport }
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string; type: 'state'; state: PublicTabState; frame?: FrameReport }
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string | null; type: 'error'; error: ErrorData };

/** Pushed to a page after its handshake, when Airlock's view of the tab changes. */
export interface AirlockEvent {
  channel: typeof AIRLOCK_CHANNEL;
  v: number;
  type: 'event';
  event: 'agent-mode';
  state: PublicTabState;
}

/**
 * Pushed to a page after its handshake when Airlock holds, or decides on, a payment or settings
 * change the agent started (step-up confirmation). `allowed`: a site policy let it through;
 * `void`: the page changed after approval and the human is asked again; `failed`: it could not be
 * confirmed and stays held. No field value ever crosses.
 */
export interface AirlockApprovalEvent {
  channel: typeof AIRLOCK_CHANNEL;
  v: number;
  type: 'event';
  event: 'approval';
  approval: {
    id: string | null;
    kind: 'payment' | 'settings';
    topic: string;
    status: 'pending' | 'approved' | 'denied' | 'expired' | 'allowed' | 'void' | 'failed';
  };
}

/** Replies to the broker requests `oauth` and `token` (kept out of AirlockReply, whose three shapes agents rely on). */
export type AirlockBrokerReply =
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string; type: 'oauth'; flows: OAuthFlowSummary[] }
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string; type: 'token'; token: SealedAccessToken };

/** Where a sign-in that an agent tab started stands (the human finishes it in Airlock's window). */
export type OAuthFlowStatus = 'handed-off' | 'completed' | 'denied' | 'refused' | 'expired';

/** A brokered sign-in as an agent may know it: who, where and how it ended; never code, state or token. */
export interface OAuthFlowSummary {
  flow: string;
  status: OAuthFlowStatus;
  variant: 'popup' | 'redirect';
  /** Origin of the authorization endpoint. */
  provider: string;
  /** Origin of the redirect URI. */
  relyingParty: string | null;
  scopes: string[];
  /** Stable error code when refused, denied or expired (OAUTH_STATE_MISMATCH, OAUTH_DENIED, ...). */
  reason?: string;
}

/** Pushed to a page after its handshake when a sign-in it started is handed off or ends. */
export interface AirlockOAuthEvent {
  channel: typeof AIRLOCK_CHANNEL;
  v: number;
  type: 'event';
  event: 'oauth';
  oauth: OAuthFlowSummary;
}

/**
 * The public half of the P-256 key pair an agent client draws once and sends with each token request
 * (a JWK with these four members only). The token is sealed to it, so that the page, which sees every protocol message, reads
 * only ciphertext; the private half never leaves the agent's process.
 */
export interface AgentPublicKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/**
 * An access token as it crosses the page: `sealedAccessToken` is a compact JWE (ECDH-ES, A256GCM) of
 * the whole token (JSON) to the request's `encryptTo` key; the fields beside it repeat the parts that
 * are no secret, for display. The agent client opens the JWE and trusts only what is inside.
 */
export interface SealedAccessToken extends Omit<IssuedAccessToken, 'accessToken'> {
  sealedAccessToken: string;
}

/**
 * The one secret that crosses the protocol, on purpose: a short-lived access token limited to the
 * scopes the human approved. The refresh token never leaves Airlock.
 */
export interface IssuedAccessToken {
  provider: string;
  accessToken: string;
  tokenType: string;
  /** Space-separated scopes the token carries (exactly the approved ones). */
  scope: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where a login form of the agent's tab stands; Airlock fills it, the agent never types its secrets. */
export type LoginStatus = 'handled' | 'waiting' | 'submitted' | 'denied' | 'refused' | 'failed' | 'held' | 'typing-refused';

/**
 * Pushed to a page after its handshake while Airlock takes over a login form: `handled` (the
 * password or code field is Airlock's), `waiting` (the human is asked in the toolbar), `submitted`
 * (Airlock sent the sign-in), `failed` (the site refused it: the same form came back; Airlock stops and
 * asks the human again, it never retries on its own), `denied` (by the human), `refused` (a release
 * rule said no; `reason` is a stable code such as ORIGIN_MISMATCH or CREDENTIAL_FIELD_HIDDEN), `held`
 * (the agent tried to submit a form that waits for the human: nothing was sent), `typing-refused` (the
 * agent typed into a field Airlock fills: nothing was typed). Never a value.
 */
export interface AirlockLoginEvent {
  channel: typeof AIRLOCK_CHANNEL;
  v: number;
  type: 'event';
  event: 'login';
  login: { status: LoginStatus; step: 'username' | 'password' | 'otp'; origin: string; reason?: string };
}

export type AirlockMessage = AirlockReply | AirlockEvent | AirlockApprovalEvent | AirlockOAuthEvent | AirlockBrokerReply | AirlockLoginEvent;
