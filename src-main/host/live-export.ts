import { askHolder, LEDGER_EXPORT_ASK, lockAddress } from '../engine/store/folder-lock';

/**
 * `ledger export` on a folder an engine holds goes through that engine, over its lock socket: a
 * second engine may not open the folder, and a copy of its files would miss what is still only in
 * the journal. Returns false when no engine holds the folder (the caller opens it itself).
 */
export async function exportThroughHolder(dataDir: string, write: (line: string) => void): Promise<boolean> {
  let address: string;
  try {
    address = await lockAddress(dataDir);
  } catch {
    return false; // no such folder: nobody holds it
  }
  let expected: number | null = null;
  let received = 0;
  let refusal: string | null = null;
  const answer = await askHolder(address, LEDGER_EXPORT_ASK, (line) => {
    if (expected === null && refusal === null) {
      const head = JSON.parse(line) as { lines?: unknown; error?: unknown };
      if (typeof head.lines === 'number') expected = head.lines;
      else refusal = typeof head.error === 'string' ? head.error : `the engine holding ${dataDir} cannot export its ledger`;
      return;
    }
    received += 1;
    write(`${line}\n`);
  });
  if (answer === null) return false;
  if (refusal !== null) throw new Error(refusal);
  if (expected === null || received !== expected) {
    throw new Error(`the engine holding ${dataDir} stopped during the export (${received} of ${expected ?? '?'} lines): run it again`);
  }
  return true;
}
