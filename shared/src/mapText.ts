/** Text for the map picture: escaping for SVG, a font-free width estimate, and word wrapping. */

/** XML-escapes text for element content and attribute values; drops characters XML forbids. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A rough width of a text in px: enough to wrap words inside a card without measuring fonts. */
export function estimateWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) {
    if (/[ilI.,:;'!|]/.test(ch)) w += 0.3;
    else if (/[mwMW@]/.test(ch)) w += 0.85;
    else if (/[A-Z]/.test(ch)) w += 0.66;
    else if (ch === ' ') w += 0.3;
    else w += 0.55;
  }
  return w * size;
}

/** Width of a text in px at a font size; the PDF passes its real font's metrics, the browser the estimate. */
export type MeasureText = (text: string, size: number, bold: boolean) => number;

/** Words wrapped into lines no wider than `max` px (a word longer than a line is cut). */
export function wrapText(
  text: string,
  size: number,
  max: number,
  measure: (text: string, size: number) => number = estimateWidth,
): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next, size) <= max) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (measure(rest, size) > max) {
        let cut = 1;
        const chars = [...rest];
        while (cut < chars.length && measure(chars.slice(0, cut + 1).join(''), size) <= max) cut++;
        lines.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
