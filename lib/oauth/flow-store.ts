import type { KeyValueArea } from '../agent/registry';
import { FLOW_RETAIN_MS, isOpen, type BrokerFlow } from './flow';
import { STORAGE_ITEMS } from '../storage/items';

export const FLOWS_KEY = STORAGE_ITEMS.oauthFlows.key;

type FlowTable = Record<string, BrokerFlow>;

/**
 * Brokered flows, read from and written to storage.session on every call: MV3 stops the service
 * worker when idle, and a flow must survive that (docs/architecture.md). The table
 * is small (a handful of flows), so there is no cache to go stale.
 */
export class FlowStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: KeyValueArea,
    private readonly now: () => number,
  ) {}

  private async read(): Promise<FlowTable> {
    return ((await this.area.get(FLOWS_KEY))[FLOWS_KEY] as FlowTable | undefined) ?? {};
  }

  /** Serialises read-modify-write, so two events for the same flow cannot both win. */
  private update<T>(change: (table: FlowTable) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const table = await this.read();
      const result = change(table);
      await this.area.set({ [FLOWS_KEY]: table });
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async all(): Promise<BrokerFlow[]> {
    await this.queue;
    return Object.values(await this.read());
  }

  async get(id: string): Promise<BrokerFlow | undefined> {
    await this.queue;
    return (await this.read())[id];
  }

  put(flow: BrokerFlow): Promise<void> {
    return this.update((table) => {
      table[flow.id] = flow;
    });
  }

  /**
   * Moves an open flow to `next` only if it is still in `from`; returns the updated flow, or null if
   * another event got there first (each flow ends exactly once).
   */
  transition(id: string, from: readonly BrokerFlow['status'][], next: Partial<BrokerFlow>): Promise<BrokerFlow | null> {
    return this.update((table) => {
      const flow = table[id];
      if (!flow || !from.includes(flow.status)) return null;
      const updated = { ...flow, ...next };
      table[id] = updated;
      return updated;
    });
  }

  /** Marks overdue open flows expired and drops ended ones past retention; returns the newly expired. */
  sweep(): Promise<BrokerFlow[]> {
    const now = this.now();
    return this.update((table) => {
      const expired: BrokerFlow[] = [];
      for (const [id, flow] of Object.entries(table)) {
        if (isOpen(flow) && now >= flow.expiresAt) {
          table[id] = { ...flow, status: 'expired', reason: 'OAUTH_EXPIRED' };
          expired.push(table[id]!);
        } else if (!isOpen(flow) && now >= flow.expiresAt + FLOW_RETAIN_MS) {
          delete table[id];
        }
      }
      return expired;
    });
  }
}
