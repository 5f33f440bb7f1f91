// Fewer, larger chunks for the session room. Its code sits behind several lazy boundaries (the room, the map, the
// video region...) that all load together when the room opens; rolldown's default splitting then cuts what they
// share into dozens of small files, each compressed on its own (files under 1 KB not at all). This plugin puts
// the modules that only the room uses into a few chunks, one per part, and leaves alone anything another page
// (the partner's join page above all) also loads.
//
// A module is the room's own when the app's entry reaches it only through a dynamic import of a room root. It
// goes to the one part whose roots reach it by static imports, or to the first part (the room itself, which every
// room loads) when several do. Modules a part reaches only behind its own lazy boundaries (the map's history, the
// check-in dialog, the video mesh) stay in their own chunks, loaded on use.
//
// The room's share of a UI library (`vendor`: react-aria's overlays, collections and form fields, named by file path:
// tracing imports would count every component, as the library's index files import them all) goes to one chunk too
// (`vendorName`): other therapist pages may load it whole, the join page never (the build fails if it would).
import path from 'node:path';

/**
 * @param {{
 *   root: string,
 *   parts: { name: string, roots: string[] }[],
 *   join: string[],
 *   vendor: RegExp,
 *   vendorName: string,
 * }} options
 *   Paths are relative to `root` (the client's source folder); `join`: the join page's lazy parts besides the entry.
 * @returns {{ plugin: import('vite').Plugin, chunkName: (id: string) => string | null }}
 */
export function roomChunks({ root, parts, join, vendor, vendorName }) {
  const abs = (r) => path.resolve(root, r);
  const rootsByPart = parts.map((p) => ({ name: p.name, roots: p.roots.map(abs) }));
  const allRoots = new Set(rootsByPart.flatMap((p) => p.roots));
  /** module id -> chunk name, filled once the module graph is complete. */
  const owner = new Map();
  /** The app's entry and the join page's own modules: the chunks the join page loads start from theirs. */
  let joinRoots = [];

  const plugin = {
    name: 'tandem-room-chunks',
    apply: 'build',
    buildEnd() {
      owner.clear();
      const info = (id) => this.getModuleInfo(id);
      const reach = (starts, followDynamic) => {
        const seen = new Set();
        const queue = [...starts];
        while (queue.length) {
          const id = queue.pop();
          if (seen.has(id)) continue;
          seen.add(id);
          const m = info(id);
          if (!m) continue;
          queue.push(...m.importedIds);
          queue.push(...m.dynamicallyImportedIds.filter(followDynamic));
        }
        return seen;
      };
      for (const r of [...allRoots, ...join.map(abs)]) {
        if (!info(r)) this.error(`room chunk root not in the build: ${path.relative(root, r)}`);
      }
      const entries = [...this.getModuleIds()].filter((id) => info(id)?.isEntry);
      const notRoom = (id) => !allRoots.has(id);
      // Everything the app loads without opening a room, and what the join page loads: never captured.
      const outside = reach(entries, notRoom);
      /** module id -> the parts whose roots reach it by static imports. */
      const partsOf = new Map();
      for (const part of rootsByPart) {
        for (const id of reach(part.roots, () => false)) partsOf.set(id, [...(partsOf.get(id) ?? []), part.name]);
      }
      for (const [id, names] of partsOf) {
        if (!outside.has(id)) owner.set(id, names.length === 1 ? names[0] : rootsByPart[0].name);
        else if (vendor.test(id)) owner.set(id, vendorName);
      }
      joinRoots = [...entries, ...join.map(abs)];
    },
    generateBundle(_options, bundle) {
      // The join page: the entry's and its own chunks and what they import statically. None may be the vendor chunk.
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const queue = chunks.filter((c) => joinRoots.includes(c.facadeModuleId ?? '')).map((c) => c.fileName);
      const seen = new Set();
      while (queue.length) {
        const file = queue.pop();
        if (seen.has(file)) continue;
        seen.add(file);
        const chunk = byFile.get(file);
        if (chunk?.name === vendorName) this.error(`the join page would load ${vendorName}: ${[...seen].join(', ')}`);
        queue.push(...(chunk?.imports ?? []));
      }
    },
  };
  return { plugin, chunkName: (id) => owner.get(id) ?? null };
}
