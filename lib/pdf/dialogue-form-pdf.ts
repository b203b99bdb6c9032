import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import type { DialogueForm, FormLine } from "@/lib/domain/dialogue-form";
import { toWinAnsi } from "./win-ansi";

/*
 * R-SCH-13: renders fiches de dialogue (lib/domain/dialogue-form.ts) as one A4 PDF, one page per
 * student (a continuation page only when a file is too long to fit), with the head's scanned
 * signature at the bottom. Standard fonts only: nothing to download or bundle.
 */

export type SignatureImage = { mimeType: string; image: Uint8Array };

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const BODY = 9;
const LEAD = 12;
const SIGNATURE_BOX = { width: 170, height: 60 };
const TEXT = rgb(0.09, 0.09, 0.09);
const MUTED = rgb(0.33, 0.33, 0.33);
const BLUE = rgb(0, 0, 0.57);

export async function renderDialogueForms(forms: readonly DialogueForm[], signature: SignatureImage | null, meta: { title: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(toPlain(meta.title));
  doc.setLanguage("fr-FR");
  doc.setCreator("Orientation");
  doc.setProducer("Orientation");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const clean = (s: string) => toWinAnsi(s, charset);
  const image = signature ? await embedSignature(doc, signature) : null;

  for (const form of forms) {
    let page = doc.addPage(A4);
    let y = A4[1] - MARGIN;
    const width = A4[0] - 2 * MARGIN;

    // Keeps the bottom of the page free for the signature; a too-long file continues on a new page.
    const ensure = (height: number) => {
      if (y - height >= MARGIN + SIGNATURE_BOX.height + 30) return;
      drawSignature(page, form, image, regular, bold, clean);
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      page.drawText(clean(`${form.studentLines[0] ?? ""} (suite)`), { x: MARGIN, y: y - 10, size: BODY, font: bold, color: MUTED });
      y -= 24;
    };
    const write = (text: string, opts: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; indent?: number } = {}) => {
      const font = opts.font ?? regular;
      const size = opts.size ?? BODY;
      const x = MARGIN + (opts.indent ?? 0) * 12;
      for (const line of wrap(clean(text), font, size, width - (x - MARGIN))) {
        ensure(LEAD);
        page.drawText(line, { x, y: y - size, size, font, color: opts.color ?? TEXT });
        y -= size + (LEAD - BODY);
      }
    };

    write(form.title, { font: bold, size: 15, color: BLUE });
    y -= 4;
    for (const l of form.schoolLines) write(l, { color: MUTED });
    y -= 6;
    for (const [i, l] of form.studentLines.entries()) write(l, { font: i === 0 ? bold : regular });
    for (const section of form.sections) {
      y -= 8;
      ensure(15 + 2 * LEAD);
      page.drawRectangle({ x: MARGIN, y: y - 14, width, height: 15, color: rgb(0.9, 0.92, 0.97) });
      y -= 2;
      write(section.heading, { font: bold, size: 9, color: BLUE, indent: 0 });
      y -= 2;
      for (const line of section.lines) write(line.text, lineStyle(line, regular, bold));
    }
    y -= 8;
    write(form.notice, { color: MUTED, size: 8 });
    drawSignature(page, form, image, regular, bold, clean);
  }
  return doc.save({ useObjectStreams: false });
}

function lineStyle(line: FormLine, regular: PDFFont, bold: PDFFont) {
  return {
    font: line.style === "bold" ? bold : regular,
    color: line.style === "muted" ? MUTED : TEXT,
    indent: line.indent ?? 0,
  };
}

function drawSignature(page: PDFPage, form: DialogueForm, image: PDFImage | null, regular: PDFFont, bold: PDFFont, clean: (s: string) => string) {
  const x = A4[0] - MARGIN - SIGNATURE_BOX.width;
  const top = MARGIN + SIGNATURE_BOX.height + 26;
  page.drawText(clean(form.signature.caption), { x, y: top, size: BODY, font: bold, color: TEXT });
  if (form.signature.signatoryName) page.drawText(clean(form.signature.signatoryName), { x, y: top - 12, size: BODY, font: regular, color: TEXT });
  if (image) {
    const scale = Math.min(SIGNATURE_BOX.width / image.width, SIGNATURE_BOX.height / image.height, 1);
    page.drawImage(image, { x, y: MARGIN, width: image.width * scale, height: image.height * scale });
  }
}

async function embedSignature(doc: PDFDocument, s: SignatureImage): Promise<PDFImage> {
  return s.mimeType === "image/png" ? doc.embedPng(s.image) : doc.embedJpg(s.image);
}

/** Greedy word wrap on the font's real widths; a word longer than the line is cut. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > maxWidth) {
        let n = rest.length - 1;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > maxWidth) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

/** PDF metadata strings are not limited to WinAnsi, but keep them readable everywhere. */
function toPlain(s: string): string {
  return s.replace(/[\u202f\u00a0]/g, " ");
}
