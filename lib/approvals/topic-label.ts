import { t } from '../i18n';
import type { ActionTopic } from './canonical-action';

/** The human's words for what an action does. */
export function topicLabel(topic: ActionTopic): string {
  switch (topic) {
    case 'checkout':
      return t('approvalTopic_checkout');
    case 'payment-request':
      return t('approvalTopic_payment_request');
    case 'change-password':
      return t('approvalTopic_change_password');
    case 'change-email':
      return t('approvalTopic_change_email');
    case 'change-phone':
      return t('approvalTopic_change_phone');
    case 'two-factor':
      return t('approvalTopic_two_factor');
    case 'recovery':
      return t('approvalTopic_recovery');
    case 'api-key':
      return t('approvalTopic_api_key');
    case 'ssh-key':
      return t('approvalTopic_ssh_key');
    case 'mail-forwarding':
      return t('approvalTopic_mail_forwarding');
    case 'payout':
      return t('approvalTopic_payout');
    case 'connected-apps':
      return t('approvalTopic_connected_apps');
    case 'delete-account':
      return t('approvalTopic_delete_account');
  }
}
