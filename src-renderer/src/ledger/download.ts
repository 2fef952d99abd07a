/**
 * Saves text as a file the way a page can, in a browser and in Electron alike: a Blob behind an
 * object URL, clicked through a temporary <a download>. The URL is revoked once the click is done.
 */
export function downloadText(text: string, fileName: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some engines; the next tick is after it started.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "infiniroute-ledger-2026-11-25.jsonl", in the viewer's calendar. */
export function exportFileName(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `infiniroute-ledger-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.jsonl`;
}
