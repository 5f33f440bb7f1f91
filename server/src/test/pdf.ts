/**
 * Reads a PDF back for tests with Mozilla's PDF.js (the legacy build runs in Node): each page's text, operator
 * list and structure tree, the document's information and mark info, and the raw bytes of its objects.
 */
import { inflateSync } from 'node:zlib';
import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: (StructNode | { type: string })[];
}

export interface ReadPdf {
  /** `ops` is empty unless asked for. */
  pages: { text: string; ops: number[]; struct: StructNode | null }[];
  text: string;
  info: Record<string, unknown>;
  markInfo: { Marked?: boolean } | null;
  /** The file as latin1, with every Flate stream inflated in place (for byte-wise searches). */
  raw: string;
}

export { OPS };

/** Inflates every FlateDecode stream so a search sees the content streams' operators. */
export function inflatedPdf(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes);
  const text = buf.toString('latin1');
  let out = '';
  let at = 0;
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    out += text.slice(at, start);
    const body = buf.subarray(start, end);
    try {
      out += inflateSync(body).toString('latin1');
    } catch {
      out += body.toString('latin1');
    }
    at = end;
    re.lastIndex = end;
  }
  return out + text.slice(at);
}

/** `ops: true` also reads each page's operator list (slow on big pages: only the tests that need it). */
export async function readPdf(bytes: Uint8Array, options: { ops?: boolean } = {}): Promise<ReadPdf> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: ReadPdf['pages'] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
      const ops = options.ops ? (await page.getOperatorList()).fnArray : [];
      const struct = (await page.getStructTree()) as StructNode | null;
      pages.push({ text, ops, struct });
    }
    const meta = await doc.getMetadata();
    return {
      pages,
      text: pages.map((p) => p.text).join('\n'),
      info: meta.info as Record<string, unknown>,
      markInfo: (await doc.getMarkInfo()) as ReadPdf['markInfo'],
      raw: inflatedPdf(bytes),
    };
  } finally {
    await task.destroy();
  }
}

/** Every node of a structure tree with a role, depth first. */
export function structNodes(node: StructNode | null): StructNode[] {
  if (!node) return [];
  const out: StructNode[] = [node];
  for (const c of node.children ?? []) if ('role' in c || 'children' in c) out.push(...structNodes(c as StructNode));
  return out;
}
