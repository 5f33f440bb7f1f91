/**
 * A printable document as data: what the PDF says, in order, with its structure (headings, paragraphs, lists,
 * label/value rows, the map). Builders (the therapist's record, the map history; later a partner's version) make
 * one of these from an allow-list of fields; `renderPdf` turns any of them into a tagged PDF. Nothing in a model
 * is read from anywhere else, so what a builder leaves out cannot reach the file.
 */
import type { Language, MapRenderInput } from '@tandem/shared';

export type PdfBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; muted?: boolean }
  /** A boxed line that must be seen (e.g. "Draft — not signed"). */
  | { type: 'notice'; text: string; tone: 'warning' | 'info' }
  /** Label/value pairs, each "label: value" on its own line(s). */
  | { type: 'fields'; rows: { label: string; value: string }[] }
  /** A bulleted list; an item may carry a list of its own (one level). */
  | { type: 'list'; items: PdfListItem[] }
  /** The conflict-cycle map, drawn as vector graphics; `alt` describes it for a screen reader. */
  | { type: 'map'; map: MapRenderInput; alt: string; caption?: string }
  /** A chart as SVG markup (the same component the browser draws), drawn as vector graphics; `alt` describes it. */
  | { type: 'chart'; svg: string; width: number; height: number; alt: string };

export type PdfListItem = string | { text: string; sub: string[] };

export interface PdfDocumentModel {
  lang: Language;
  /** The document's title (metadata, shown by viewers instead of the file name). */
  title: string;
  author: string;
  subject: string;
  /** Printed at the top of every page (the practice's name). */
  runningHead: string;
  /** Printed at the bottom left of every page (e.g. "Confidential"). */
  runningFoot: string;
  /** "Page {n} of {total}" with those two placeholders. */
  pageLabel: string;
  blocks: PdfBlock[];
}
