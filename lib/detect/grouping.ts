import { BUTTON_SELECTOR, attr, formOwner, isShadowRoot } from './dom';
import { mentions, normalizeText } from './lexicon';

/** Elements that enclose one task whatever their contents: a dialog, a popover, an ARIA form or search. */
const CONTAINER_SELECTOR = 'dialog, [role="dialog"], [role="alertdialog"], [role="form"], [role="search"], [popover]';
const MAX_CLIMB = 7;

export type GroupKey = Element | ShadowRoot;

/**
 * The group a field belongs to: its form owner; otherwise (fields with no `<form>`, common in SPAs)
 * the nearest dialog-like container, else the nearest ancestor that holds an action button (not a
 * "show password" toggle), else its shadow root or the document body. It depends only on the field's
 * ancestors, so the incremental index and a full scan always agree.
 */
export function groupKeyOf(el: Element, cache?: Map<Element, boolean>): GroupKey {
  if (el.tagName !== 'IFRAME') {
    const form = formOwner(el);
    if (form) return form;
  } else {
    const form = el.closest('form');
    if (form) return form;
  }
  let node: Element | null = el.parentElement;
  for (let depth = 0; node && depth < MAX_CLIMB; node = node.parentElement, depth++) {
    if (node.tagName === 'BODY' || node.tagName === 'HTML') break;
    if (node.matches(CONTAINER_SELECTOR)) return node;
    if (holdsActionButton(node, cache)) return node;
  }
  const root = el.getRootNode();
  if (isShadowRoot(root)) {
    const container = el.closest(CONTAINER_SELECTOR);
    return container ?? root;
  }
  const container = el.closest(CONTAINER_SELECTOR);
  if (container) return container;
  return el.ownerDocument.body ?? el.ownerDocument.documentElement;
}

function holdsActionButton(node: Element, cache?: Map<Element, boolean>): boolean {
  const known = cache?.get(node);
  if (known !== undefined) return known;
  let found = false;
  for (const button of Array.from(node.querySelectorAll(BUTTON_SELECTOR))) {
    if (isActionButton(button)) {
      found = true;
      break;
    }
  }
  cache?.set(node, found);
  return found;
}

/** A button that does something to the form, as opposed to toggling a password's visibility. */
export function isActionButton(button: Element): boolean {
  const text = buttonText(button);
  if (!text) {
    // An unlabelled icon button submits when its type says so (a <button> with no type submits).
    const type = (button.getAttribute('type') ?? '').toLowerCase();
    return button.tagName === 'BUTTON' ? type === '' || type === 'submit' : type === 'submit' || type === 'image';
  }
  return !mentions(text, 'notSubmit');
}

export function buttonText(button: Element): string {
  const own = button.tagName === 'INPUT' ? attr(button, 'value') || attr(button, 'alt') : (button.textContent ?? '').slice(0, 120);
  return normalizeText(`${own} ${attr(button, 'aria-label')} ${attr(button, 'title')}`);
}
