import { render } from 'preact';
import { Options } from '../../components/options/Options';
import { applyDocumentLanguage } from '../../lib/ui/document-language';

applyDocumentLanguage(document, 'optionsTitle');
render(<Options />, document.getElementById('app')!);
