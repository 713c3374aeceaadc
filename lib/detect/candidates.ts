import { CANDIDATE_SELECTOR, FIELD_TAGS, isTextField } from './dom';
import { isPaymentFrame } from './payment-frames';
import type { ShadowRootAccessor } from './types';

/**
 * Every element that could belong to a form, in `root` and in the shadow trees below it. Same-origin
 * iframes are not entered: each frame runs its own content script and classifies its own fields.
 */
export function collectCandidates(root: ParentNode, openOrClosed?: ShadowRootAccessor, onShadowRoot?: (shadow: ShadowRoot) => void): Element[] {
  const out: Element[] = [];
  collectInto(root, openOrClosed, out, onShadowRoot);
  return out;
}

function collectInto(root: ParentNode, openOrClosed: ShadowRootAccessor | undefined, out: Element[], onShadowRoot?: (shadow: ShadowRoot) => void): void {
  if (isCandidateNode(root)) out.push(root as unknown as Element);
  const found = root.querySelectorAll(CANDIDATE_SELECTOR);
  for (let i = 0; i < found.length; i++) {
    const el = found[i]!;
    if (isCandidate(el)) out.push(el);
  }
  for (const shadow of shadowRootsUnder(root, openOrClosed)) {
    onShadowRoot?.(shadow);
    collectInto(shadow, openOrClosed, out, onShadowRoot);
  }
}

function isCandidateNode(node: ParentNode): boolean {
  return (node as Node).nodeType === 1 && (node as Element).matches(CANDIDATE_SELECTOR) && isCandidate(node as Element);
}

export function isCandidate(el: Element): boolean {
  if (FIELD_TAGS.has(el.tagName)) return isTextField(el);
  return el.tagName === 'IFRAME' && isPaymentFrame(el);
}

/**
 * Shadow roots directly below `root` (not nested ones: the caller recurses). Reading `shadowRoot` is
 * a cheap property read on every element; the accessor for closed roots is an extension API call, so
 * it is only tried on custom elements (a hyphen in the tag name), where closed roots live in practice.
 */
export function shadowRootsUnder(root: ParentNode, openOrClosed?: ShadowRootAccessor): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  let all: ArrayLike<Element> = (root as Element | Document).getElementsByTagName
    ? (root as Element | Document).getElementsByTagName('*')
    : root.querySelectorAll('*');
  // Some DOM libraries do not implement the `*` tag name: ask again with a selector.
  if (all.length === 0) all = root.querySelectorAll('*');
  const self = (root as Node).nodeType === 1 ? [root as Element] : [];
  const visit = (el: Element) => {
    let shadow: ShadowRoot | null | undefined = el.shadowRoot;
    if (!shadow && openOrClosed && el.tagName.includes('-')) {
      try {
        shadow = openOrClosed(el);
      } catch {
        shadow = null;
      }
    }
    if (shadow) found.push(shadow);
  };
  for (const el of self) visit(el);
  for (let i = 0; i < all.length; i++) visit(all[i]!);
  return found;
}
