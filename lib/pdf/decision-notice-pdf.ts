import { PDFDocument, rgb, StandardFonts, type PDFFont } from "pdf-lib";
import { NOTICE_TITLE, type NoticeSection } from "@/lib/domain/decision-notice";
import { wrap } from "./dialogue-form-pdf";
import { toWinAnsi } from "./win-ansi";

/*
 * R-FIN-11 / R-FIN-12: the notice of an orientation decision as an A4 PDF the family downloads:
 * the school's name and address, the student, then the notice's sections
 * (lib/domain/decision-notice.ts, the same words as the page and the e-mail). Standard fonts only.
 */

export type DecisionNoticeDocument = {
  schoolLines: string[];
  studentName: string;
  /** «Élève de 3e – 3D», printed under the student's name. */
  studentLine: string;
  sections: NoticeSection[];
  /** «Document édité le …». */
  footer: string;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const BODY = 10;
const LEAD = 14;
const TEXT = rgb(0.09, 0.09, 0.09);
const MUTED = rgb(0.33, 0.33, 0.33);
const BLUE = rgb(0, 0, 0.57);

export async function renderDecisionNotice(n: DecisionNoticeDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${NOTICE_TITLE} – ${n.studentName}`.replace(/[\u202f\u00a0]/g, " "));
  doc.setLanguage("fr-FR");
  doc.setCreator("Orientation");
  doc.setProducer("Orientation");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const clean = (s: string) => toWinAnsi(s, charset);
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;

  const write = (text: string, opts: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb> } = {}) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? BODY;
    for (const line of wrap(clean(text), font, size, width)) {
      if (y - size < MARGIN) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y: y - size, size, font, color: opts.color ?? TEXT });
      y -= size + (LEAD - BODY);
    }
  };

  for (const [i, l] of n.schoolLines.entries()) write(l, { font: i === 0 ? bold : regular, color: i === 0 ? TEXT : MUTED });
  y -= 18;
  write(NOTICE_TITLE, { font: bold, size: 16, color: BLUE });
  y -= 6;
  write(n.studentName, { font: bold });
  write(n.studentLine, { color: MUTED });
  for (const s of n.sections) {
    y -= 10;
    if (s.title) {
      write(s.title, { font: bold, size: 11, color: BLUE });
      y -= 2;
    }
    for (const p of s.paragraphs) {
      write(p);
      y -= 4;
    }
  }
  y -= 14;
  write(n.footer, { size: 8, color: MUTED });
  return doc.save({ useObjectStreams: false });
}
