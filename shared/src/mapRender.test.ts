// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { CYCLE_NODE_KINDS, buildTemplate, type CycleNodeKind } from './map.js';
import type { MapRenderInput } from './mapRender.js';
import { renderMapSvg } from './mapSvg.js';
import { estimateWidth, wrapText } from './mapText.js';

const kindNames = Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, `kind ${k}`])) as Record<CycleNodeKind, string>;

function fromTemplate(): MapRenderInput {
  const t = buildTemplate('pursue-withdraw', { a: 'Alex', b: 'Sam' }, 'en');
  return {
    nodes: t.nodes.map((nd) => ({ ...nd, id: nd.key })),
    edges: t.edges.map((e) => ({ source: e.from, target: e.to })),
    sideNames: { a: 'Alex', b: 'Sam', shared: 'Both' },
    kindNames,
    text: { title: 'Our cycle', date: '30 November 2026', legend: 'Legend', emptyLabel: '(empty)' },
  };
}

// jsdom's DOM, typed by hand: the shared package compiles without the DOM library.
interface El {
  tagName: string;
  namespaceURI: string | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & { length: number };
  getElementsByTagName(name: string): { length: number };
}
interface XmlDoc extends Omit<El, 'tagName' | 'namespaceURI' | 'getAttribute'> {
  documentElement: El;
}
const { DOMParser } = globalThis as unknown as {
  DOMParser: new () => { parseFromString(text: string, type: string): XmlDoc };
};

function parse(svg: string): XmlDoc {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  expect(doc.documentElement.tagName).toBe('svg');
  expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/2000/svg');
  return doc;
}
const allText = (doc: XmlDoc) =>
  [...doc.querySelectorAll('g.map-card text')].map((t) =>
    [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' '),
  );

describe('the map renderer', () => {
  it('draws a template as SVG that parses, with no foreignObject and a path per arrow', () => {
    const input = fromTemplate();
    const doc = parse(renderMapSvg(input));
    expect(doc.getElementsByTagName('foreignObject').length).toBe(0);
    expect(doc.querySelectorAll('path.map-edge').length).toBe(input.edges.length);
    expect(doc.querySelectorAll('g.map-card').length).toBe(input.nodes.length);
  });

  it('holds every card’s words, the lanes named after the partners, a legend and the date', () => {
    const input = fromTemplate();
    const doc = parse(renderMapSvg(input));
    const words = allText(doc).join(' ').replace(/\s+/g, ' ');
    for (const nd of input.nodes) expect(words).toContain(nd.label);
    const lanes = [...doc.querySelectorAll('.map-lane-name')].map((t) => t.textContent);
    expect(lanes).toEqual(['Alex', 'Sam']);
    const legend = doc.querySelector('g.map-legend')?.textContent ?? '';
    expect(legend).toContain('Legend');
    for (const k of CYCLE_NODE_KINDS) expect(legend).toContain(`kind ${k}`);
    expect(doc.documentElement.textContent).toContain('30 November 2026');
  });

  it('escapes hostile text everywhere: no markup, script or entity gets through', () => {
    const evil = '<script>alert(1)</script><foreignObject/> & "quoted" \'x\' ]]> \u0001';
    const input: MapRenderInput = {
      ...fromTemplate(),
      nodes: [{ id: 'n1', kind: 'trigger', side: 'a', label: evil, x: 0, y: 0 }],
      edges: [],
      sideNames: { a: `<b onload="x">`, b: 'Sam', shared: '&amp;' },
      text: { title: '</svg><svg>', date: '"', legend: '<g>', emptyLabel: '' },
    };
    const svg = renderMapSvg(input);
    const doc = parse(svg);
    expect(doc.getElementsByTagName('script').length).toBe(0);
    expect(doc.getElementsByTagName('foreignObject').length).toBe(0);
    expect(doc.getElementsByTagName('b').length).toBe(0);
    expect(doc.querySelectorAll('svg').length).toBe(1);
    const squash = (x: string) => x.replace(/\s+/g, '');
    expect(squash(allText(doc).join(''))).toContain(
      squash('<script>alert(1)</script><foreignObject/> & "quoted" \'x\' ]]>'),
    );
    expect([...doc.querySelectorAll('.map-lane-name')].map((t) => t.textContent)).toEqual(['<b onload="x">']);
  });

  it('stays bounded and well-formed on malformed data (unknown kinds, NaN positions, edges to nowhere)', () => {
    const input: MapRenderInput = {
      ...fromTemplate(),
      nodes: [
        { id: 'a', kind: 'trigger', side: 'a', label: 'x'.repeat(5000), x: Number.NaN, y: 1e12 },
        { id: 'b', kind: 'bogus' as CycleNodeKind, side: 'a', label: 'gone', x: 0, y: 0 },
      ],
      edges: [
        { source: 'a', target: 'missing' },
        { source: 'a', target: 'a' },
      ],
    };
    const doc = parse(renderMapSvg(input));
    expect(doc.querySelectorAll('g.map-card').length).toBe(1);
    expect(doc.querySelectorAll('path.map-edge').length).toBe(0);
    expect(Number(doc.documentElement.getAttribute('height'))).toBeLessThan(50_000);
  });

  it('wraps words to the card width and cuts a word longer than a line', () => {
    const lines = wrapText('I need to feel chosen by you every single day', 15, 180);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(estimateWidth(l, 15)).toBeLessThanOrEqual(180);
    const long = wrapText('a'.repeat(100), 15, 180);
    expect(long.join('')).toBe('a'.repeat(100));
    for (const l of long) expect(estimateWidth(l, 15)).toBeLessThanOrEqual(180);
  });
});
