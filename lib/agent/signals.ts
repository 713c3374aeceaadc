/**
 * Why Airlock believes a tab is (or is not) agent-driven. Each signal keeps its source, so the popup
 * and the agent protocol can say why. Listed strongest first (docs/capabilities.md, "Agent detection").
 */
export const SIGNAL_SOURCES = ['handshake', 'human', 'managed', 'debugger', 'navigation', 'headless', 'webdriver'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];
/** The signals Airlock observes by itself; only the human's toggle can outweigh them. */
export type AutomaticSource = Extract<SignalSource, 'debugger' | 'navigation' | 'headless' | 'webdriver'>;

export interface AgentSignal {
  source: SignalSource;
  /** true: this source says the tab is agent-driven; false: it says it is not (only the human can). */
  agent: boolean;
  /** Short, non-secret detail, e.g. the agent's declared name or the toggle's scope. */
  detail: string;
  /** Epoch milliseconds of the first observation. */
  since: number;
}

/** Scope of the human's toggle in the toolbar popup. */
export type HumanScope = 'tab' | 'window' | 'always';
