import type { LoginStep } from './views';

/** One fill that put a placeholder in a page: the one request that may carry the real value. */
export interface Swap {
  id: string;
  tabId: number;
  frameId: number;
  /** The filled document (Chromium); a navigated frame's placeholder swaps nothing. */
  documentId?: string;
  /** The frame's origin, as the browser reported it when the secret was released. */
  frameOrigin: string;
  entryId: string;
  step: Exclude<LoginStep, 'username'>;
  placeholder: string;
  /** Who asked (for the audit log). */
  agent: string;
  createdAt: number;
  expiresAt: number;
  /** Set once the real value went out: a placeholder swaps one request only. */
  usedAt: number | null;
}

/** How long a placeholder may wait for the page to send it (the submit that follows the fill). */
export const SWAP_TTL_MS = 2 * 60_000;

/**
 * The placeholders handed out, in the worker's memory only: what a page or an Airlock page could write
 * to storage never names a swap. A worker restart forgets them: the sign-in is then asked about again.
 */
export class SwapRegistry {
  private readonly swaps = new Map<string, Swap>();

  constructor(private readonly now: () => number) {}

  add(swap: Omit<Swap, 'createdAt' | 'expiresAt' | 'usedAt'>): Swap {
    this.prune();
    const now = this.now();
    const stored: Swap = { ...swap, createdAt: now, expiresAt: now + SWAP_TTL_MS, usedAt: null };
    this.swaps.set(swap.id, stored);
    return stored;
  }

  /** The swap `id`, if the asking frame is the one it was made for and it is still good. */
  find(id: string, sender: { tabId: number | null; frameId: number | null; documentId?: string }): Swap | null {
    this.prune();
    const swap = this.swaps.get(id);
    if (!swap || swap.usedAt !== null || swap.expiresAt <= this.now()) return null;
    if (swap.tabId !== sender.tabId || swap.frameId !== sender.frameId) return null;
    if (swap.documentId !== undefined && sender.documentId !== undefined && swap.documentId !== sender.documentId) return null;
    return swap;
  }

  markUsed(swap: Swap): void {
    swap.usedAt = this.now();
  }

  /** The last swap used in this tab for `origin` within `withinMs`: a sign-in form shown again right after it means it failed. */
  lastUsed(tabId: number, origin: string, withinMs: number): Swap | null {
    const since = this.now() - withinMs;
    let last: Swap | null = null;
    for (const swap of this.swaps.values()) {
      if (swap.tabId === tabId && swap.frameOrigin === origin && swap.usedAt !== null && swap.usedAt >= since && (!last || swap.usedAt > last.usedAt!)) last = swap;
    }
    return last;
  }

  forgetTab(tabId: number): void {
    for (const [id, swap] of this.swaps) if (swap.tabId === tabId) this.swaps.delete(id);
  }

  private prune(): void {
    // Used swaps are kept a while longer, for `lastUsed`.
    const cutoff = this.now() - SWAP_TTL_MS;
    for (const [id, swap] of this.swaps) if (swap.expiresAt <= cutoff) this.swaps.delete(id);
  }
}
