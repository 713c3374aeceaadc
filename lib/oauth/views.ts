import type { FlowStatus, FlowVariant } from './flow';

/** What the human window shows about a brokered sign-in: who asks, which provider, which scopes, which agent. */
export interface OAuthFlowView {
  flowId: string;
  variant: FlowVariant;
  status: FlowStatus;
  /** Origin of the redirect URI: the site that asks (the relying party). */
  relyingParty: string | null;
  /** Origin of the authorization endpoint. */
  provider: string;
  clientId: string;
  scopes: string[];
  openid: boolean;
  /** The agent's declared name, or empty when it did not introduce itself. */
  agent: string;
  expiresAt: number;
  reason?: string;
}

/** A provider the human configured for the token broker (no secret: the broker is a public PKCE client). */
export interface TokenProvider {
  /** Short name agents ask for, e.g. "local-id". */
  id: string;
  issuer: string;
  clientId: string;
}

/** A token request waiting for the human in the toolbar popup. */
export interface TokenRequestView {
  requestId: string;
  provider: string;
  issuer: string;
  scopes: string[];
  /** The page that asked, as the browser reported it. */
  origin: string;
  agent: string;
  tabId: number;
  createdAt: number;
  status: 'pending' | 'running';
}

/** A grant as the options page lists it; the refresh token itself never leaves the background. */
export interface GrantView {
  grantId: string;
  provider: string;
  issuer: string;
  scopes: string[];
  origin: string;
  agent: string;
  /** The agent tab the grant was approved for: only that tab, agent and origin reuse it silently. */
  tabId: number;
  createdAt: number;
  expiresAt: number;
  /** The account the human signed in with, from the ID token (empty without one). */
  account: string;
  /** Whether Airlock keeps a refresh token for it in the vault (none when the vault was locked at approval). */
  refreshable: boolean;
}
