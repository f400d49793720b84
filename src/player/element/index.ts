// Entry `offshoot/element`: importing it registers <offshoot-player>. This is the package's
// one module with a side effect (package.json `sideEffects` names it and the <script>
// bundles, which import it too).
import { defineOffshootPlayer } from './OffshootPlayerElement.js';

defineOffshootPlayer();

export { OffshootPlayerElement, defineOffshootPlayer } from './OffshootPlayerElement.js';
export type { OffshootPlayerEventMap } from './OffshootPlayerElement.js';
