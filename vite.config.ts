import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import { precompressPlugin } from './scripts/precompress.mjs';
import { pureLib0Dom } from './scripts/pureLib0Dom.mjs';
import { roomChunks } from './scripts/roomChunks.mjs';

// The room's own code in a few chunks (see scripts/roomChunks.mjs): what every room loads, the map, the therapist's
// page, the partner's panels and the partner's live page; react-aria's share that the join page does not load.
const room = roomChunks({
  root: path.resolve(import.meta.dirname, 'client/src'),
  parts: [
    {
      name: 'room',
      roots: ['features/session/SessionRoom.tsx', 'features/video/VideoProvider.tsx', 'features/video/VideoRegion.tsx'],
    },
    { name: 'room-map', roots: ['features/map/CycleMap.tsx'] },
    { name: 'room-therapist', roots: ['pages/TherapistSessionPage.tsx'] },
    {
      name: 'room-partner',
      roots: [
        'features/private/PartnerPanel.tsx',
        'features/drafts/PartnerDrafting.tsx',
        'features/measures/PartnerMeasures.tsx',
      ],
    },
    { name: 'partner-live', roots: ['features/join/PartnerLive.tsx'] },
  ],
  join: ['pages/PartnerSessionPage.tsx'],
  vendor: new RegExp(
    [
      String.raw`react-aria-components[\\/]dist[\\/]private[\\/](Popover|Dialog|Menu|Heading|OverlayArrow|ListBox|Select|DragAndDrop|Separator|Header|Collection|Tabs|Checkbox|RadioGroup|FieldError|Form|Label|Tooltip|Modal|TextField|TextArea|Autocomplete|Group|Input|Text|intlStrings)\.mjs$`,
      String.raw`react-aria[\\/]dist[\\/]private[\\/](checkbox|dialog|form|label|listbox|menu|overlays|radio|select|selection|tabs|textfield|tooltip|visually-hidden)[\\/]`,
      String.raw`react-aria[\\/]dist[\\/]private[\\/]collections[\\/](Document|BaseCollection|CollectionBuilder|useCachedChildren)\.mjs$`,
      String.raw`react-aria[\\/]dist[\\/]private[\\/](utils[\\/](keyboard|animation|runAfterKeyboard|useLoadMoreSentinel|useResizeObserver|inertValue|scrollIntoView|useDescription|getScrollParents?|useEvent|isScrollable|useUpdateLayoutEffect|constants|useViewportSize|useSlot|useFormReset|useLabels)|interactions[\\/](useInteractOutside|PressResponder|useLongPress|useMove)|focus[\\/](virtualFocus|useHasTabbableChild)|i18n[\\/](useLocalizedStringFormatter|useCollator)|toggle[\\/]useToggle)\.mjs$`,
      // The localized strings those components read as they load: in the same chunk, or a chunk that imports this
      // one could still be evaluating when they are read (the phone's history page crashed on Select's strings).
      String.raw`react-aria-components[\\/]dist[\\/]private[\\/]intl[\\/][\w-]+\.m?js$`,
      String.raw`react-aria[\\/]dist[\\/]private[\\/]intl[\\/](overlays|menu)[\\/][\w-]+\.m?js$`,
      String.raw`react-stately[\\/]dist[\\/]private[\\/]utils[\\/]number\.mjs$|@internationalized[\\/]string[\\/]`,
      String.raw`react-stately[\\/]dist[\\/]private[\\/](checkbox|collections|form|list|menu|overlays|radio|select|selection|tabs|tooltip)[\\/]`,
    ].join('|'),
  ),
  vendorName: 'aria-room',
});

// Strings in chunks by what loads together, one set per language: the room's own areas; the map and the measures and
// whereabouts that both the room and a partner's own page between sessions (/me) show; /me's other areas; the
// therapist's office pages'. Core (every page), private (the join page's quick exit), account (the therapist's
// header), the record and the summaries stay in a chunk each.
const STRING_GROUPS: Record<string, string> = {
  safety: 'room',
  timers: 'room',
  scripts: 'room',
  video: 'room',
  therapist: 'room',
  drafts: 'room',
  map: 'shared',
  measures: 'shared',
  screening: 'shared',
  between: 'case',
  progress: 'case',
  followup: 'case',
  security: 'office',
  mail: 'office',
  confidentiality: 'office',
};
function stringsChunk(id: string): string | null {
  const m = /[\\/]i18n[\\/]locales[\\/](\w+)[\\/]([\w-]+)\.json$/.exec(id);
  const group = m ? STRING_GROUPS[m[2] as string] : undefined;
  return group ? `strings-${group}-${m?.[1] as string}` : null;
}

const serverUrl = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // react-aria ships built-in strings for ~30 locales; keep only the two we support.
    { ...optimizeLocales.vite({ locales: ['en-US', 'es-ES'] }), enforce: 'pre' },
    // simple-peer (video) expects Node's buffer, process, events and streams: polyfill exactly those. Every
    // module that needs Buffer requires it ('buffer', 'safe-buffer'), so no global Buffer is injected (it used to
    // put a second copy of the shim into the Yjs chunk, whose lib0 only names Buffer in Node-only code), and
    // readable-stream's own browser field maps 'util' to nothing (the util polyfill was ~30 KB of es-shims).
    nodePolyfills({
      include: ['buffer', 'process', 'events', 'stream'],
      globals: { Buffer: false, global: true, process: true },
    }),
    // lib0's unused DOM schema checks (and lib0/schema.js) out of the map's Yjs chunk.
    pureLib0Dom(),
    // Brotli and gzip copies of every text asset, served as they are (server/src/lib/precompressed.ts).
    precompressPlugin(),
    room.plugin,
  ],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Only the modules named: a captured module's imports stay where rolldown puts them (the join page's).
            { name: (id) => room.chunkName(id) ?? stringsChunk(id), includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
      '/collab': { target: serverUrl, ws: true },
    },
  },
});
