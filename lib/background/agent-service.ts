import type { AgentRegistry } from '../agent/registry';
import type { TabAgentState } from '../messaging/contract';
import type { PublicTabState } from '../protocol/messages';

export interface AgentServiceDeps {
  registry: AgentRegistry;
  /** The window a tab is in, from the tabs API; throws TAB_UNKNOWN for a closed tab. */
  windowOf(tabId: number): Promise<number>;
  /** Tabs a debugger is attached to, or null where the signal is off or unavailable. */
  debuggerTabs(): Promise<Set<number> | null>;
  /** Whether the debugger signal can exist here: no API (Firefox), no permission in this build, or both present. */
  debuggerSupport: 'unavailable' | 'not-in-build' | 'present';
  /** Whether a debugger is attached to Airlock's own targets (always false without the permission). */
  debuggerOnAirlock?(): Promise<boolean>;
}

/** Composes the registry's verdict with live signals into what agents and the popup are shown. */
export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  get registry(): AgentRegistry {
    return this.deps.registry;
  }

  async publicState(tabId: number, windowId: number): Promise<PublicTabState> {
    await this.refreshDebugger(tabId);
    const verdict = await this.deps.registry.verdict(tabId, windowId);
    return { agentDriven: verdict.agentDriven, signals: verdict.signals, overriddenHumanOff: verdict.overriddenHumanOff };
  }

  async tabState(tabId: number): Promise<TabAgentState> {
    const windowId = await this.deps.windowOf(tabId);
    const state = await this.publicState(tabId, windowId);
    const enabled = await this.deps.registry.debuggerSignalEnabled();
    return {
      ...state,
      tabId,
      toggles: await this.deps.registry.toggles(tabId, windowId),
      userOverrideAllowed: (await this.deps.registry.managedPolicy()).allowUserOverride,
      debuggerSignal: this.deps.debuggerSupport !== 'present' ? this.deps.debuggerSupport : enabled ? 'on' : 'off',
      debuggerOnAirlock: (await this.deps.debuggerOnAirlock?.().catch(() => false)) ?? false,
    };
  }

  /** Polls the debugger signal for one tab; cheap, and only when the human turned it on. */
  private async refreshDebugger(tabId: number): Promise<void> {
    if (!(await this.deps.registry.debuggerSignalEnabled())) return;
    const attached = await this.deps.debuggerTabs();
    if (attached === null) return;
    if (attached.has(tabId)) await this.deps.registry.observe(tabId, 'debugger', 'attached');
    else await this.deps.registry.unobserve(tabId, 'debugger');
  }
}
