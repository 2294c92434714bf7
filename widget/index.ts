/**
 * The widget's library entry: `dist/widget/idesluss-widget.js`. Registers `<idesluss-widget>`
 * once — a page that embeds the script twice keeps the first definition.
 */
import { IdeslussWidget } from './idesluss-widget/idesluss-widget';

if (!customElements.get('idesluss-widget')) customElements.define('idesluss-widget', IdeslussWidget);

export { IdeslussWidget };
export { IdeslussSavedEvent, IdeslussSentEvent, IdeslussSubmittedEvent, type IdeslussEventDetail } from './events';
