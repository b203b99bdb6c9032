/*
 * pdf-lib's standard fonts (Helvetica…) encode text in WinAnsi (Windows-1252), which covers the
 * French letters and signs (é è à ç ô œ « » ’ – €) but not everything a user may type or Intl may
 * produce (narrow no-break space, arrows, emoji…). pdf-lib throws on such a character, so every
 * string is passed through here first: known look-alikes are mapped, accented letters outside the
 * set lose their accent, anything else becomes "?".
 */
const LOOKALIKES: Record<string, string> = {
  "\u202f": " ", // narrow no-break space (Intl fr-FR)
  "\u2009": " ",
  "\u2007": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u200b": "",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u2015": "—",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2032": "'",
  "\u02bc": "’",
  "\t": " ",
};

export function toWinAnsi(text: string, charset: ReadonlySet<number>): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (charset.has(cp)) {
      out += ch;
      continue;
    }
    if (ch in LOOKALIKES) {
      out += LOOKALIKES[ch];
      continue;
    }
    const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    out += base !== ch && [...base].every((c) => charset.has(c.codePointAt(0)!)) ? base : "?";
  }
  return out;
}
