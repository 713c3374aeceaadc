import type { ManagedPolicy } from './managed-policy';
import type { AgentSignal, HumanScope } from './signals';

export interface HumanToggle {
  scope: HumanScope;
  agent: boolean;
  since: number;
}

export interface VerdictInput {
  /** Signals observed in the tab itself: the handshake and the automatic ones. */
  observed: readonly AgentSignal[];
  /** The most specific human toggle that applies (tab, then window, then always), if any. */
  human: HumanToggle | null;
  managed: ManagedPolicy;
  now: number;
}

export interface Verdict {
  agentDriven: boolean;
  /** Every signal that applies, strongest first, including a human "off" and whether it won. */
  signals: AgentSignal[];
  /** Set when the human asked for "not agent-driven" but a stronger signal kept agent mode on. */
  overriddenHumanOff: boolean;
}

const STRENGTH: Record<AgentSignal['source'], number> = {
  handshake: 0,
  human: 1,
  managed: 2,
  debugger: 3,
  navigation: 4,
  headless: 5,
  webdriver: 6,
};

/**
 * Decides whether a tab is agent-driven. Fails towards protection: a page's handshake or an
 * enterprise "always" can only turn agent mode on, and the human's "off" outweighs only the weak,
 * automatic signals (debugger, a protocol's navigation, headless, navigator.webdriver).
 */
export function decideAgentMode({ observed, human, managed, now }: VerdictInput): Verdict {
  const signals: AgentSignal[] = [...observed];
  if (managed.agentMode === 'always') {
    signals.push({ source: 'managed', agent: true, detail: 'agentMode=always', since: now });
  }
  if (human) {
    signals.push({ source: 'human', agent: human.agent, detail: human.scope, since: human.since });
  }
  signals.sort((a, b) => STRENGTH[a.source] - STRENGTH[b.source]);

  const forcedOn = signals.some(
    (s) => s.agent && (s.source === 'handshake' || s.source === 'managed'),
  );
  const humanOffAllowed = human !== null && !human.agent && managed.allowUserOverride;

  let agentDriven: boolean;
  if (forcedOn) agentDriven = true;
  else if (human?.agent) agentDriven = true;
  else if (humanOffAllowed) agentDriven = false;
  else agentDriven = signals.some((s) => s.agent);

  return {
    agentDriven,
    signals,
    overriddenHumanOff: human !== null && !human.agent && agentDriven,
  };
}
