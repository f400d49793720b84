// Entry of the <script> bundles (dist/offshoot.bundle.mjs and the UMD dist/offshoot.umd.js,
// global `Offshoot`): the public API of `offshoot`, with its dependencies bundled, and
// <offshoot-player> registered, so one script tag gives a page the element.
export * from './index.js';
import './element/index.js';
