/**
 * Asks Airlock's content script in one frame for its view, through the agent protocol (the same
 * `state` request an agent sends), from the frame's main world.
 *
 * The page-side code is passed as source text: TypeScript runners may rewrite functions (adding
 * helpers the page does not have), and these must run verbatim in the page.
 */
import type { Frame } from 'playwright-core';
import type { FrameReport } from '../../lib/protocol/messages';

const ASK_STATE = `(limit) => new Promise((done) => {
  const id = 'eval-' + Math.random().toString(36).slice(2);
  const onMessage = (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.channel !== 'airlock' || data.re !== id) return;
    clearTimeout(timer);
    window.removeEventListener('message', onMessage);
    done(data.type === 'state' && data.frame ? data.frame : null);
  };
  const timer = setTimeout(() => { window.removeEventListener('message', onMessage); done(null); }, limit);
  window.addEventListener('message', onMessage);
  window.postMessage({ channel: 'airlock-agent', v: 1, id, type: 'state' }, '*');
})`;

const RESOLVE = `(list) => {
  window.__airlockEvalIds = window.__airlockEvalIds || new WeakMap();
  window.__airlockEvalNext = window.__airlockEvalNext || 1;
  const ids = window.__airlockEvalIds;
  const find = (selector) => {
    let scope = document;
    let el = null;
    for (const step of selector.split(' >>> ')) {
      try { el = scope.querySelector(step); } catch { return null; }
      if (!el) return null;
      scope = el.shadowRoot || el;
    }
    return el;
  };
  return list.map((selector) => {
    const el = find(selector);
    if (!el) return null;
    let n = ids.get(el);
    if (n === undefined) { n = window.__airlockEvalNext++; ids.set(el, n); }
    return n;
  });
}`;

export async function frameState(frame: Frame, timeoutMs = 5000): Promise<FrameReport | null> {
  return frame.evaluate(`(${ASK_STATE})(${timeoutMs})`) as Promise<FrameReport | null>;
}

/**
 * Resolves selectors (with ` >>> ` shadow steps through open roots) to stable numbers in the frame,
 * so labels and detections can be compared by element identity. Unresolvable selectors give null.
 */
export async function resolveSelectors(frame: Frame, selectors: string[]): Promise<(number | null)[]> {
  return frame.evaluate(`(${RESOLVE})(${JSON.stringify(selectors)})`) as Promise<(number | null)[]>;
}
