import { inflateSync } from "node:zlib";

/*
 * Reads back the text drawn by lib/pdf (pdf-lib, standard fonts): every content stream is
 * inflated and its `<hex> Tj` / `(literal) Tj` strings decoded from WinAnsi, one drawn string per
 * line. Enough for tests to prove what a printed fiche says, without a native tool (pdftotext).
 * Not a general PDF parser.
 */
// Windows-1252 differs from Latin-1 in 0x80-0x9F (Node's TextDecoder may treat it as Latin-1).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const winAnsi = {
  decode: (bytes: Uint8Array) => Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join(""),
};

export function extractPdfText(pdf: Uint8Array): string {
  const buf = Buffer.from(pdf);
  const latin = buf.toString("latin1");
  const lines: string[] = [];
  const re = /<<((?:(?!>>\s*stream)[\s\S])*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(latin))) {
    const dict = m[1]!;
    const start = m.index + m[0].length;
    const lengthMatch = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    const end = lengthMatch ? start + Number(lengthMatch[1]) : latin.indexOf("endstream", start);
    let data = buf.subarray(start, end);
    if (/\/Subtype\s*\/Image/.test(dict)) continue;
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data);
      } catch {
        continue;
      }
    }
    const content = data.toString("latin1");
    const ops = /(?:<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\))\s*Tj/g;
    let t: RegExpExecArray | null;
    while ((t = ops.exec(content))) {
      const bytes = t[1] !== undefined ? Buffer.from(t[1].replace(/\s/g, ""), "hex") : Buffer.from(unescapeLiteral(t[2]!), "latin1");
      lines.push(winAnsi.decode(bytes));
    }
  }
  return lines.join("\n");
}

function unescapeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const map: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };
    return map[e] ?? String.fromCharCode(parseInt(e, 8));
  });
}
