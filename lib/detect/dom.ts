/**
 * DOM helpers that work the same in browsers and in DOM libraries without layout (linkedom): every
 * property is read through attributes, because such libraries do not reflect `type`, `form` or
 * `maxLength`.
 */
export const FIELD_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
export const CANDIDATE_SELECTOR = 'input, select, textarea, iframe';
export const BUTTON_SELECTOR = 'button, input[type="submit" i], input[type="button" i], input[type="image" i], [role="button"]';

/** Input types a person types text into; the rest (checkbox, file, range, ...) are never fields. */
const TEXT_TYPES = new Set(['text', 'email', 'password', 'tel', 'number', 'search', 'url', '']);

export function attr(el: Element, name: string): string {
  return el.getAttribute(name) ?? '';
}

export function inputType(el: Element): string {
  if (el.tagName === 'SELECT') return 'select';
  if (el.tagName === 'TEXTAREA') return 'textarea';
  return attr(el, 'type').trim().toLowerCase() || 'text';
}

/** A control a person fills with text or a choice: the only elements a role can be given to. */
export function isTextField(el: Element): boolean {
  if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return true;
  if (el.tagName !== 'INPUT') return false;
  return TEXT_TYPES.has(attr(el, 'type').trim().toLowerCase());
}

export function isShadowRoot(node: Node | null | undefined): node is ShadowRoot {
  return !!node && node.nodeType === 11 && 'host' in node && !!(node as ShadowRoot).host;
}

/** The parent element, or the host when `el` is the top of a shadow tree. */
export function parentAcrossShadow(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode;
  return isShadowRoot(parent) ? parent.host : null;
}

/** Text of an element, capped: a label that wraps a whole table must not cost a full text walk. */
export function shortText(node: Node | null | undefined, max = 200): string {
  if (!node) return '';
  const text = node.textContent ?? '';
  return text.length > max ? text.slice(0, max) : text;
}

export function treeRootOf(el: Element): Document | ShadowRoot | null {
  const root = el.getRootNode();
  if (root.nodeType === 9) return root as Document;
  return isShadowRoot(root) ? root : null;
}

export function byId(el: Element, id: string): Element | null {
  if (!id) return null;
  const root = treeRootOf(el);
  if (!root) return null;
  if ('getElementById' in root && typeof root.getElementById === 'function') return root.getElementById(id);
  return (root as ParentNode).querySelector(`#${cssEscape(id)}`);
}

/** CSS.escape, which DOM libraries and some workers lack. https://drafts.csswg.org/cssom/#serialize-an-identifier */
export function cssEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const code = value.charCodeAt(i);
    if (code === 0) out += '\uFFFD';
    else if ((code >= 0x1 && code <= 0x1f) || code === 0x7f || (i === 0 && code >= 0x30 && code <= 0x39) || (i === 1 && code >= 0x30 && code <= 0x39 && value.charCodeAt(0) === 0x2d)) {
      out += `\\${code.toString(16)} `;
    } else if (i === 0 && value.length === 1 && code === 0x2d) out += `\\${ch}`;
    else if (code >= 0x80 || code === 0x2d || code === 0x5f || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

/** The form that owns a field: its `form` attribute first (HTML § form owner), then the nearest ancestor. */
export function formOwner(el: Element): HTMLFormElement | null {
  const formId = el.getAttribute('form');
  if (formId !== null) {
    const target = byId(el, formId);
    return target && target.tagName === 'FORM' ? (target as HTMLFormElement) : null;
  }
  return el.closest('form');
}
