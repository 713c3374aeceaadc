import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { PageStandingModel } from '../../lib/ui/page-standing-model';

/** Says, above everything else, why Airlock refuses decisions right now, if it does. */
export function PageStandingBanner({ model }: { model: PageStandingModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const standing = model.standing.value;
  if (!standing) return null;
  if (standing.tainted) {
    return (
      <p class="error banner" role="alert" data-testid="page-standing" data-state="tainted">
        {t('ownPageTainted')}
      </p>
    );
  }
  if (standing.openInTabs > 0) {
    return (
      <p class="error banner" role="alert" data-testid="page-standing" data-state="open">
        {t('ownPageOpen')}
      </p>
    );
  }
  if (standing.lastFoundAt !== null) {
    return (
      <p class="note banner" role="status" data-testid="page-standing" data-state="found">
        {t('ownPageFound', new Date(standing.lastFoundAt).toLocaleTimeString(document.documentElement.lang || undefined))}
      </p>
    );
  }
  return null;
}
