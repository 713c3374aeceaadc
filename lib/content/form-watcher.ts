/**
 * The content script's one DOM watcher. The MutationObserver callback only queues nodes; the work
 * happens in idle time (or on the next frame), in batches, and only re-classifies the groups the
 * batch touched. Nothing is classified until the page has a candidate field.
 */
import { FormIndex, isCandidate, toFormReport, type DetectedForm, type FormReport, type ShadowRootAccessor } from '../detect';

export interface FormWatcher {
  /** Current detections of this frame; settles any queued changes first so the answer is fresh. */
  forms(): FormReport[];
  /** Live detections with element references, for in-page consumers (guards, fill). */
  detected(): DetectedForm[];
  /** Called after each batch that may have changed the forms. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  stop(): void;
}

export interface FormWatcherOptions {
  openOrClosedShadowRoot?: ShadowRootAccessor;
}

/** Attributes that change whether a field is visible, what it is, or which group it is in. */
const WATCHED_ATTRIBUTES = ['type', 'hidden', 'style', 'class', 'open', 'disabled', 'autocomplete', 'aria-hidden', 'popover', 'name', 'form'];
const FIELD_PRESENT = 'input, select, textarea';

export function startFormWatcher(doc: Document, options: FormWatcherOptions = {}): FormWatcher {
  const win = doc.defaultView;
  let index: FormIndex | null = null;
  let pending = new Set<Node>();
  let scheduled: number | null = null;
  let stopped = false;
  let firstFlush = true;
  const listeners = new Set<() => void>();

  const observer = new MutationObserver((records) => {
    // Queue only: no DOM reads here (uBlock Origin's pattern; see docs/architecture.md).
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of Array.from(record.addedNodes)) if (node.nodeType === 1) pending.add(node);
        if (record.removedNodes.length) pending.add(record.target);
      } else pending.add(record.target);
    }
    schedule();
  });
  const observe = (target: Node) =>
    observer.observe(target, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });

  function schedule(): void {
    if (scheduled !== null || stopped || !win) return;
    const idle = (win as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    scheduled = idle ? idle.call(win, flush, { timeout: 200 }) : win.setTimeout(flush, 16);
  }

  function cancel(): void {
    if (scheduled === null || !win) return;
    const cancelIdle = (win as Window & { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback;
    if (cancelIdle) cancelIdle.call(win, scheduled);
    win.clearTimeout(scheduled);
    scheduled = null;
  }

  function hasCandidate(batch: Set<Node>): boolean {
    if (doc.querySelector(FIELD_PRESENT)) return true;
    if (Array.from(doc.querySelectorAll('iframe')).some(isCandidate)) return true;
    // Fields may live only in shadow trees (web components): look inside the hosts that arrived.
    const hosts: Element[] = [];
    if (firstFlush) hosts.push(...Array.from(doc.querySelectorAll('*')).filter((el) => el.tagName.includes('-')));
    for (const node of batch) if (node.nodeType === 1 && (node as Element).tagName.includes('-')) hosts.push(node as Element);
    return hosts.some((host) => {
      const shadow = host.shadowRoot ?? options.openOrClosedShadowRoot?.(host);
      return !!shadow && !!shadow.querySelector(FIELD_PRESENT);
    });
  }

  function flush(): void {
    scheduled = null;
    if (stopped) return;
    const batch = pending;
    pending = new Set();
    let changed: boolean;
    if (!index) {
      const ready = hasCandidate(batch);
      firstFlush = false;
      if (!ready) return;
      index = new FormIndex(doc, options);
      index.scan();
      changed = true;
    } else {
      changed = index.update(batch);
    }
    for (const shadow of index.takeNewShadowRoots()) observe(shadow);
    if (changed) for (const listener of listeners) listener();
  }

  let begun = false;
  function begin(): void {
    if (stopped || begun) return;
    begun = true;
    observe(doc);
    schedule();
  }

  // While the page loads, the parser inserts it node by node: watching that would cost every page
  // load. One scan once it has loaded, then mutations, covers the same ground; a request for the
  // forms before then (an agent asking) starts the watcher at once.
  const view = doc.defaultView;
  if (doc.readyState !== 'complete' && view) view.addEventListener('load', begin, { once: true });
  else begin();

  return {
    forms() {
      if (!begun) begin();
      if (scheduled !== null || pending.size || !index) {
        cancel();
        flush();
      }
      return index ? index.forms().map(toFormReport) : [];
    },
    detected() {
      return index ? index.forms() : [];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      cancel();
      observer.disconnect();
      view?.removeEventListener('load', begin);
      listeners.clear();
    },
  };
}

/**
 * `dom.openOrClosedShadowRoot` (Chrome 88+, Firefox 63+) where the browser offers it, so detection
 * also sees fields in closed shadow roots. Looked up, not imported: detection stays API-free.
 */
export function openOrClosedShadowRootAccessor(): ShadowRootAccessor | undefined {
  type DomApi = { dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null } };
  const g = globalThis as { chrome?: DomApi; browser?: DomApi };
  const fn = g.browser?.dom?.openOrClosedShadowRoot ?? g.chrome?.dom?.openOrClosedShadowRoot;
  if (typeof fn === 'function') return (el) => fn(el);
  const firefox = (el: Element) => (el as Element & { openOrClosedShadowRoot?: () => ShadowRoot | null }).openOrClosedShadowRoot?.();
  return typeof (document.documentElement as Element & { openOrClosedShadowRoot?: unknown })?.openOrClosedShadowRoot === 'function' ? firefox : undefined;
}
