import { isShadowRoot } from '../../dom';
import type { FormSignal } from '../../form-signal';

/** A lone e-mail box in the page footer or a sidebar is a mailing-list sign-up in practice. */
export const pageRegion: FormSignal = {
  name: 'page-region',
  score({ root, fields, identifiers, passwords }) {
    if (passwords.length || fields.length !== 1 || identifiers.length !== 1) return {};
    const el = isShadowRoot(root) ? root.host : root;
    return el.closest('footer, aside, [role="contentinfo"], [role="complementary"]') ? { newsletter: 2 } : {};
  },
};
