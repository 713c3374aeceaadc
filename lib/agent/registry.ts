import { DEFAULT_MANAGED_POLICY, type ManagedPolicy } from './managed-policy';
import type { AgentSignal, AutomaticSource, HumanScope, SignalSource } from './signals';
import { decideAgentMode, type HumanToggle, type Verdict } from './verdict';
import { STORAGE_ITEMS } from '../storage/items';

/** Key-value storage the registry persists to (browser.storage.session / .local, or a fake). */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Per-session state, kept in `storage.session`: it survives the service worker being stopped (MV3
 * does this after 30 s idle) and is gone when the browser restarts, like the tabs it describes.
 */
export interface SessionState {
  tabs: Record<string, { observed: AgentSignal[] }>;
  humanTabs: Record<string, HumanToggle>;
  humanWindows: Record<string, HumanToggle>;
}

/** Profile-wide state, kept in `storage.local`. */
export interface ProfileState {
  always: HumanToggle | null;
  debuggerSignal: boolean;
}

export const SESSION_KEY = STORAGE_ITEMS.agentRegistry.key;
export const PROFILE_KEY = STORAGE_ITEMS.agentProfile.key;

const emptySession = (): SessionState => ({ tabs: {}, humanTabs: {}, humanWindows: {} });
const emptyProfile = (): ProfileState => ({ always: null, debuggerSignal: false });

export interface RegistryDeps {
  session: KeyValueArea;
  local: KeyValueArea;
  /** Enterprise policy (`storage.managed`); read before the first verdict so none uses defaults by mistake. */
  readManaged: () => Promise<ManagedPolicy>;
  now: () => number;
}

export type RegistryListener = (tabId: number) => void;

/**
 * Which tabs are agent-driven, and why. All writes go through here; every write is persisted before
 * the call resolves, so a service-worker stop right after a reply loses nothing.
 */
export class AgentRegistry {
  private session: SessionState | null = null;
  private profile: ProfileState | null = null;
  private loading: Promise<void> | null = null;
  private managed: ManagedPolicy = DEFAULT_MANAGED_POLICY;
  private readonly listeners = new Set<RegistryListener>();

  constructor(private readonly deps: RegistryDeps) {}

  onChange(listener: RegistryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setManagedPolicy(policy: ManagedPolicy): void {
    this.managed = policy;
    if (this.session) this.emit(this.knownTabs(this.session));
  }

  async managedPolicy(): Promise<ManagedPolicy> {
    await this.load();
    return this.managed;
  }

  private async load(): Promise<{ session: SessionState; profile: ProfileState }> {
    this.loading ??= (async () => {
      const [s, p, managed] = await Promise.all([
        this.deps.session.get(SESSION_KEY),
        this.deps.local.get(PROFILE_KEY),
        this.deps.readManaged(),
      ]);
      this.managed = managed;
      this.session = (s[SESSION_KEY] as SessionState | undefined) ?? emptySession();
      this.profile = { ...emptyProfile(), ...((p[PROFILE_KEY] as Partial<ProfileState> | undefined) ?? {}) };
    })();
    await this.loading;
    return { session: this.session!, profile: this.profile! };
  }

  private async saveSession(): Promise<void> {
    await this.deps.session.set({ [SESSION_KEY]: this.session });
  }

  private async saveProfile(): Promise<void> {
    await this.deps.local.set({ [PROFILE_KEY]: this.profile });
  }

  private emit(tabIds: Iterable<number>): void {
    for (const tabId of tabIds) for (const listener of this.listeners) listener(tabId);
  }

  /** Records a signal observed in a tab (first observation wins; `since` is kept). */
  async observe(tabId: number, source: Extract<SignalSource, 'handshake'> | AutomaticSource, detail: string): Promise<void> {
    const { session } = await this.load();
    const entry = (session.tabs[tabId] ??= { observed: [] });
    const existing = entry.observed.find((s) => s.source === source);
    if (existing && existing.detail === detail) return;
    if (existing) existing.detail = detail;
    else entry.observed.push({ source, agent: true, detail, since: this.deps.now() });
    await this.saveSession();
    this.emit([tabId]);
  }

  /** Removes an automatic signal (e.g. the debugger detached). Handshakes are never withdrawn. */
  async unobserve(tabId: number, source: 'debugger'): Promise<void> {
    const { session } = await this.load();
    const entry = session.tabs[tabId];
    if (!entry || !entry.observed.some((s) => s.source === source)) return;
    entry.observed = entry.observed.filter((s) => s.source !== source);
    await this.saveSession();
    this.emit([tabId]);
  }

  /** The human's toggle. `agent: null` removes it; for `always`, only `true` or `null` mean anything. */
  async setHumanToggle(tabId: number, windowId: number, scope: HumanScope, agent: boolean | null): Promise<void> {
    const { session, profile } = await this.load();
    const toggle = agent === null ? null : { scope, agent, since: this.deps.now() };
    if (scope === 'always') {
      profile.always = toggle && toggle.agent ? toggle : null;
      await this.saveProfile();
      this.emit(this.knownTabs(session));
      return;
    }
    const table = scope === 'tab' ? session.humanTabs : session.humanWindows;
    const key = String(scope === 'tab' ? tabId : windowId);
    if (toggle) table[key] = toggle;
    else delete table[key];
    await this.saveSession();
    this.emit(scope === 'tab' ? [tabId] : this.knownTabs(session));
  }

  async setDebuggerSignal(enabled: boolean): Promise<void> {
    const { profile } = await this.load();
    profile.debuggerSignal = enabled;
    await this.saveProfile();
  }

  async debuggerSignalEnabled(): Promise<boolean> {
    return (await this.load()).profile.debuggerSignal;
  }

  async forgetTab(tabId: number): Promise<void> {
    const { session } = await this.load();
    delete session.tabs[tabId];
    delete session.humanTabs[tabId];
    await this.saveSession();
  }

  async toggles(tabId: number, windowId: number): Promise<{ tab: boolean | null; window: boolean | null; always: boolean }> {
    const { session, profile } = await this.load();
    return {
      tab: session.humanTabs[tabId]?.agent ?? null,
      window: session.humanWindows[windowId]?.agent ?? null,
      always: profile.always?.agent === true,
    };
  }

  async verdict(tabId: number, windowId: number): Promise<Verdict> {
    const { session, profile } = await this.load();
    const human = session.humanTabs[tabId] ?? session.humanWindows[windowId] ?? profile.always ?? null;
    return decideAgentMode({
      observed: session.tabs[tabId]?.observed ?? [],
      human,
      managed: this.managed,
      now: this.deps.now(),
    });
  }

  private knownTabs(session: SessionState): number[] {
    return Object.keys({ ...session.tabs, ...session.humanTabs }).map(Number);
  }
}
