/**
 * R-DATA-1: the text of an exported XML file, decoded as it says it is encoded. Siècle writes
 * ISO-8859-15 (with the declaration `<?xml version="1.0" encoding="ISO-8859-15"?>`); a file
 * re-saved by an editor may be UTF-8 (with or without a byte order mark), ISO-8859-1 or windows-1252.
 * Pure: bytes in, text out (TextDecoder, with the full ICU of Node and browsers).
 */

/** The encodings accepted, by their lowercase label in the declaration → the TextDecoder label. */
const ENCODINGS: Readonly<Record<string, string>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "iso-8859-15": "iso-8859-15",
  "iso8859-15": "iso-8859-15",
  latin9: "iso-8859-15",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
};

export type DecodedXml =
  | { ok: true; text: string; encoding: string }
  | { ok: false; reason: "not-xml" }
  | { ok: false; reason: "unknown-encoding"; label: string }
  | { ok: false; reason: "invalid-bytes"; label: string };

/** windows-1252's 0x80-0x9F (the five bytes it leaves undefined stay the C1 code points, as the WHATWG decoder does). */
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/**
 * windows-1252 (and ISO-8859-1, which the WHATWG encoding standard reads as windows-1252), decoded
 * here: some Node versions decode the label "windows-1252" as ISO-8859-1, losing €, œ, ’ ….
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("iso-8859-1").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Whether the bytes start (after a BOM and blanks) with «<», as any XML document does. */
function startsLikeXml(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < Math.min(bytes.length, from + 1024); i++) {
    const b = bytes[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x3c;
  }
  return false;
}

export function decodeXml(bytes: Uint8Array): DecodedXml {
  // UTF-16 is not what Siècle writes: only its byte order marks are recognised, to refuse it plainly.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, reason: "unknown-encoding", label: "UTF-16" };
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const start = bom ? 3 : 0;
  if (!startsLikeXml(bytes, start)) return { ok: false, reason: "not-xml" };

  // The declaration is ASCII in every encoding accepted here: read it from the first bytes.
  let head = "";
  for (let i = start; i < Math.min(bytes.length, start + 200); i++) head += String.fromCharCode(bytes[i]!);
  const declared = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1]?.trim();
  const label = bom ? "UTF-8" : (declared ?? "UTF-8");
  const decoderLabel = ENCODINGS[label.toLowerCase()];
  if (!decoderLabel) return { ok: false, reason: "unknown-encoding", label };
  if (bom && declared && ENCODINGS[declared.toLowerCase()] !== "utf-8") return { ok: false, reason: "invalid-bytes", label: declared };
  try {
    const text = decoderLabel === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder(decoderLabel, { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, encoding: decoderLabel };
  } catch {
    return { ok: false, reason: "invalid-bytes", label };
  }
}
