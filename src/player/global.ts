// Types of the UMD bundle's global, for pages that load dist/offshoot.umd.js with a
// <script> tag: `/// <reference types="offshoot/global" />` (or `import type {} from
// 'offshoot/global'`) makes `Offshoot.createPlayer(...)` type-check.
import type * as OffshootApi from './index.js';

declare global {
  /**
   * The UMD bundle's global: the same API as `import * from 'offshoot'`. Loading the
   * bundle also registers `<offshoot-player>`.
   *
   * @example
   * const player = await Offshoot.createPlayer(document.querySelector('#stage')!, { story: '/night-walk.json' });
   */
  var Offshoot: typeof OffshootApi;
}

export {};
