import { t, type MessageKey } from '../../lib/i18n';
import { pageText, type PageTextFlag } from '../../lib/ui/page-text';

const FLAG_TEXT: Record<PageTextFlag, MessageKey> = {
  bidi: 'pageTextBidi',
  invisible: 'pageTextInvisible',
  control: 'pageTextControl',
  truncated: 'pageTextTruncated',
  'mixed-scripts': 'pageTextMixedScripts',
  'claims-amount': 'pageTextClaimsAmount',
};

/** One piece of text a page declared, shown as lib/ui/page-text.ts makes it safe to read, with its warnings. */
export function PageSays({ value, max, field }: { value: string | null | undefined; max?: number; field: string }) {
  const shown = pageText(value, max);
  return (
    <>
      <bdi class="page-says" data-field={field} data-flags={shown.flags.join(' ')}>
        {shown.text}
      </bdi>
      {shown.flags.map((flag) => (
        <span key={flag} class="page-says-warning" role="note" data-flag={flag}>
          {t(FLAG_TEXT[flag])}
        </span>
      ))}
    </>
  );
}
