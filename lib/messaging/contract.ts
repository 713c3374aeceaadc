/**
 * The one typed contract for every call between Airlock's contexts. Each kind names who may send it
 * (see `SENDERS`); the background checks the sender before it reads the payload.
 */
import type { AgentIdentity, PublicTabState } from '../protocol/messages';
import type { HumanScope } from '../agent/signals';
import type { ErrorData } from '../errors/airlock-error';
import type { SenderKind } from './sender';

/** The tab's state as the popup sees it: what an agent sees, plus the human's own toggles. */
export interface TabAgentState extends PublicTabState {
  tabId: number;
  toggles: { tab: boolean | null; window: boolean | null; always: boolean };
  /** False when enterprise policy forbids switching agent mode off. */
  userOverrideAllowed: boolean;
  debuggerSignal: 'unavailable' | 'off' | 'on';
}

export interface Contract {
  /** Content script: what it observed in its frame on load. */
  'agent.report': { request: { webdriver: boolean }; response: PublicTabState };
  /** Content script: a page completed the agent-protocol handshake. */
  'agent.handshake': { request: { agent: AgentIdentity }; response: PublicTabState };
  /** Content script: the agent protocol's state query. */
  'agent.state': { request: Record<string, never>; response: PublicTabState };
  /** Popup / options: the state of a tab. */
  'ui.tabState': { request: { tabId: number }; response: TabAgentState };
  /** Popup: the human's toggle; `agent: null` clears it. */
  'ui.setToggle': {
    request: { tabId: number; scope: HumanScope; agent: boolean | null };
    response: TabAgentState;
  };
  /** Popup: the human turned the debugger signal on or off (after granting the permission). */
  'ui.setDebuggerSignal': { request: { enabled: boolean; tabId: number }; response: TabAgentState };
}

export type MessageKind = keyof Contract;
export type RequestOf<K extends MessageKind> = Contract[K]['request'];
export type ResponseOf<K extends MessageKind> = Contract[K]['response'];

/** Who may send each kind. Content scripts report and request; they never decide. */
export const SENDERS: { [K in MessageKind]: readonly SenderKind[] } = {
  'agent.report': ['content'],
  'agent.handshake': ['content'],
  'agent.state': ['content'],
  'ui.tabState': ['extension-view', 'extension-tab'],
  'ui.setToggle': ['extension-view', 'extension-tab'],
  'ui.setDebuggerSignal': ['extension-view', 'extension-tab'],
};

export interface Envelope<K extends MessageKind = MessageKind> {
  airlock: 'internal';
  kind: K;
  payload: RequestOf<K>;
}

export type Reply<K extends MessageKind = MessageKind> =
  | { ok: true; value: ResponseOf<K> }
  | { ok: false; error: ErrorData };
