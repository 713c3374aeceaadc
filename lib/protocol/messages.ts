/**
 * Airlock agent protocol, version 1: page-level messages between an agent (running in, or evaluating
 * code in, the page's main world) and Airlock's content script. Documented in README.md, "Agent
 * protocol". Nothing secret ever crosses it, and nothing sent through it can lower protection: the
 * only thing a page may declare is that the tab is agent-driven.
 */
import type { ErrorData } from '../errors/airlock-error';
import type { AgentSignal } from '../agent/signals';

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
  | { channel: typeof AGENT_CHANNEL; v: number; id: string; type: 'state' };

/** What Airlock tells an agent about its tab. */
export interface PublicTabState {
  agentDriven: boolean;
  signals: AgentSignal[];
  /** True when the human switched agent mode off but a stronger signal (handshake, policy) won. */
  overriddenHumanOff: boolean;
}

export type AirlockReply =
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string; type: 'welcome'; protocol: number; state: PublicTabState }
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string; type: 'state'; state: PublicTabState }
  | { channel: typeof AIRLOCK_CHANNEL; v: number; re: string | null; type: 'error'; error: ErrorData };

/** Pushed to a page after its handshake, when Airlock's view of the tab changes. */
export interface AirlockEvent {
  channel: typeof AIRLOCK_CHANNEL;
  v: number;
  type: 'event';
  event: 'agent-mode';
  state: PublicTabState;
}

export type AirlockMessage = AirlockReply | AirlockEvent;
