import { FormIndex } from './form-index';
import type { DetectedForm, DetectOptions } from './types';

/**
 * Finds and classifies every form and formless field group under `root` (a document, an element or a
 * shadow root), open shadow roots included and closed ones when `options.openOrClosedShadowRoot` is
 * given. Pure: reads the DOM, changes nothing, uses no extension API.
 */
export function detectForms(root: ParentNode, options: DetectOptions = {}): DetectedForm[] {
  return new FormIndex(root, options).scan();
}
