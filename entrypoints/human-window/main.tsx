import { render } from 'preact';
import { ConsentScreen } from '../../components/oauth/ConsentScreen';
import '../../components/confirm/confirm.css';
import { applyDocumentLanguage } from '../../lib/ui/document-language';
import { createOAuthFlowModel } from '../../lib/ui/oauth-flow-model';
import { assertWithPasskey } from '../../lib/webauthn/ceremony';

// The flow id is not a capability: the background answers only the tab it created for the flow.
const flowId = new URLSearchParams(location.search).get('flow');
applyDocumentLanguage(document, 'oauthTitle');
render(<ConsentScreen model={createOAuthFlowModel(flowId, { assert: assertWithPasskey })} />, document.getElementById('app')!);
