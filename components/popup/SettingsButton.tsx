import { t } from '../../lib/i18n';
import { openSettings } from '../../lib/ui/open-settings';

/** Opens Airlock's settings beside the page (side panel or sidebar), never in a tab. */
export function SettingsButton({ windowId }: { windowId: number | undefined }) {
  return (
    <footer class="popup-footer">
      <button
        type="button"
        class="secondary"
        data-action="open-settings"
        onClick={() => {
          void openSettings(windowId).then(() => window.close());
        }}
      >
        {t('openSettings')}
      </button>
    </footer>
  );
}
