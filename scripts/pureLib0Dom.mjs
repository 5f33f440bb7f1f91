// lib0's dom.js (which yjs reaches through lib0/logging) builds four schema checks at the top level
// (`export const $element = $.$custom(...)`). Nothing of ours uses them, but an unannotated call counts as a side
// effect, so the bundle kept them and all of lib0/schema.js with them (about 2 KB brotli in every page with the map).
// Marking those calls pure lets the bundler drop both. The build fails if the file no longer has them, so a lib0
// upgrade that changes it is noticed.
const FILE = /[\\/]lib0[\\/]dom\.js$/;
const CALL = /= \$\.\$custom\(/g;

/** @returns {import('vite').Plugin} */
export function pureLib0Dom() {
  return {
    name: 'tandem-pure-lib0-dom',
    apply: 'build',
    transform: {
      filter: { id: FILE },
      handler(code) {
        const out = code.replace(CALL, '= /* @__PURE__ */ $.$custom(');
        if (out === code) this.error('lib0/dom.js has no top-level $.$custom calls any more: remove this plugin');
        return { code: out, map: null };
      },
    },
  };
}
