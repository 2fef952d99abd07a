import { isDocName, type DocumentStore } from '../store/documents';
import { recordHash } from '../records/signed';
import { RecordJournal } from './record-journal';

/**
 * Opens the engine's journal over its documents. Records a crash left acknowledged in the journal
 * but not yet in the documents are put back first, before anything reads the documents.
 */
export async function openJournal(dataDir: string, docs: DocumentStore): Promise<RecordJournal> {
  const { journal, frames } = await RecordJournal.open(dataDir, { checkpoint: () => docs.flushDirty() });
  const byDoc = new Map<string, Array<{ hash: string; bytes: Uint8Array }>>();
  for (const { doc, bytes } of frames) {
    if (!isDocName(doc)) continue;
    let records = byDoc.get(doc);
    if (!records) byDoc.set(doc, (records = []));
    records.push({ hash: recordHash(bytes), bytes });
  }
  for (const [doc, records] of byDoc) docs.stage(doc, records);
  await journal.checkpoint();
  return journal;
}
