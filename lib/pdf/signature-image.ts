import { PDFDocument } from "pdf-lib";
import { DomainError } from "@/lib/domain/errors";
import { SIGNATURE_MAX_BYTES, SIGNATURE_TOO_LARGE_MESSAGE, SIGNATURE_TYPE_MESSAGE } from "@/lib/domain/school-settings";

/*
 * R-SCH-13: the head's scanned signature, PNG or JPEG. The type is read from the bytes (never
 * trusted from the browser), and pdf-lib must be able to embed it, so a file that would break the
 * printing of every fiche is refused at upload.
 */
export { SIGNATURE_MAX_BYTES };

export function sniffImageType(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

export async function checkSignatureImage(bytes: Uint8Array): Promise<"image/png" | "image/jpeg"> {
  if (bytes.length === 0) throw new DomainError("SIGNATURE_EMPTY", "Choisissez un fichier image.", { image: ["Choisissez un fichier image."] });
  if (bytes.length > SIGNATURE_MAX_BYTES) {
    throw new DomainError("SIGNATURE_TOO_LARGE", SIGNATURE_TOO_LARGE_MESSAGE, { image: ["L'image ne doit pas dépasser 512 Ko."] });
  }
  const type = sniffImageType(bytes);
  if (!type) throw new DomainError("SIGNATURE_TYPE", SIGNATURE_TYPE_MESSAGE, { image: ["Format PNG ou JPEG uniquement."] });
  try {
    const doc = await PDFDocument.create();
    await (type === "image/png" ? doc.embedPng(bytes) : doc.embedJpg(bytes));
  } catch {
    throw new DomainError("SIGNATURE_UNREADABLE", "L'image de la signature n'a pas pu être lue. Enregistrez-la à nouveau en PNG ou en JPEG.", {
      image: ["Image illisible."],
    });
  }
  return type;
}
