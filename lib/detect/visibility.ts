import { attr, parentAcrossShadow } from './dom';
import { mentions, normalizeText } from './lexicon';

/**
 * Whether a person can see and reach a field. Hidden, off-screen and honeypot fields are never the
 * field to fill: a hostile page can place an invisible password box to collect an autofilled secret
 * (T2 in docs/threat-model.md; the autofill-harvesting attacks described by Stock & Johns, "Protecting users
 * against XSS-based password manager abuse", AsiaCCS 2014).
 *
 * Browsers with `checkVisibility` get the real answer from style and layout, asked only for candidate
 * fields. DOM libraries without layout fall back to attributes, inline styles and common utility classes.
 */
export function isVisibleField(el: Element): boolean {
  if (attr(el, 'type').toLowerCase() === 'hidden') return false;
  if (el.hasAttribute('disabled')) return false;
  if (isHoneypot(el)) return false;
  const probe = el as Element & { checkVisibility?: (options?: Record<string, boolean>) => boolean };
  if (typeof probe.checkVisibility === 'function') return isRendered(probe);
  return !hiddenByMarkup(el);
}

function isRendered(el: Element & { checkVisibility: (options?: Record<string, boolean>) => boolean }): boolean {
  if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true })) return false;
  const rect = el.getBoundingClientRect();
  if (rect.width < 4 || rect.height < 4) return false;
  const view = el.ownerDocument.defaultView;
  // Off-screen positioning (left: -9999px) is the classic way to hide a field from people only;
  // measured against the document, not the viewport, so a field scrolled out of view still counts.
  const x = view?.scrollX ?? 0;
  const y = view?.scrollY ?? 0;
  if (rect.right + x <= 0 || rect.bottom + y <= 0 || rect.left + x >= 20000) return false;
  if (view) {
    const style = view.getComputedStyle(el);
    if (/rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(style.clip) || /inset\(50%\)/.test(style.clipPath)) return false;
  }
  return true;
}

const HIDING_CLASSES = new Set(['hidden', 'd-none', 'is-hidden', 'invisible', 'sr-only', 'visually-hidden', 'visuallyhidden', 'hide', 'screen-reader-text', 'offscreen', 'u-hidden']);
const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(\.0+)?\s*(;|$)|(left|top)\s*:\s*-\d{3,}px|(width|height)\s*:\s*[01]px|clip\s*:\s*rect\(0/i;

function hiddenByMarkup(el: Element): boolean {
  for (let node: Element | null = el, depth = 0; node && depth < 40; node = parentAcrossShadow(node), depth++) {
    if (node.hasAttribute('hidden')) return true;
    if (node.tagName === 'DIALOG' && !node.hasAttribute('open')) return true;
    if (node.tagName === 'TEMPLATE') return true;
    const style = node.getAttribute('style');
    if (style && HIDING_STYLE.test(style)) return true;
    const cls = node.getAttribute('class');
    if (cls && cls.split(/\s+/).some((c) => HIDING_CLASSES.has(c))) return true;
  }
  return false;
}

/**
 * Fields meant for bots: named or labelled as traps, or removed from the tab order and the
 * accessibility tree at once, which a field meant for a person never is.
 */
export function isHoneypot(el: Element): boolean {
  const own = normalizeText(`${attr(el, 'name')} ${attr(el, 'id')} ${attr(el, 'class')} ${attr(el, 'aria-label')} ${attr(el, 'placeholder')}`);
  if (mentions(own, 'honeypot')) return true;
  if (attr(el, 'aria-hidden') === 'true' && attr(el, 'tabindex') === '-1') return true;
  const parent = el.parentElement;
  if (parent && attr(parent, 'aria-hidden') === 'true' && (attr(el, 'tabindex') === '-1' || mentions(normalizeText(parent.textContent ?? ''), 'honeypot'))) return true;
  return false;
}
