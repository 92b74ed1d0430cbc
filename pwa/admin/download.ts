/**
 * Saving text the API rendered (a shipping CSV) as a file. CSV gets a UTF-8 BOM, as the worker's
 * own units.csv does, so Excel opens Japanese text without mojibake.
 */

/** A file name made of `prefix` and an order number, with anything a file system dislikes replaced. */
export function fileNameFor(prefix: string, id: string, extension: string): string {
  const safe = id.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+/, "").slice(0, 80);
  return `${prefix}${safe ? `-${safe}` : ""}.${extension}`;
}

export function saveText(fileName: string, text: string, type = "text/csv;charset=utf-8") {
  const body = type.startsWith("text/csv") && !text.startsWith("\uFEFF") ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Fetches a CSV the API renders (signed-in, same origin) and saves it; a failed answer throws. */
export async function downloadCsv(url: string, fileName: string) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  saveText(fileName, await response.text());
}
