import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame } from '../../src-main/engine/journal/frames';
import { RecordJournal } from '../../src-main/engine/journal/record-journal';
import { StagingQueue } from '../../src-main/engine/store/staging-queue';
import { Fixture, ok } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const journalFiles = async (dataDir: string) => (await readdir(join(dataDir, 'journal'))).sort();

describe('journal frames', () => {
  it('read back what was written, in order, names and bytes intact', () => {
    const frames = [
      { doc: 'ledger/abc/2026-11', bytes: bytes(300, 1) },
      { doc: 'observations/é/2026-11', bytes: bytes(1, 2) },
    ];
    const decoded = decodeFrames(Buffer.concat(frames.map(encodeFrame)));
    expect(decoded.frames).toEqual(frames);
  });

  it('stop at a frame a crash cut short, keeping every whole frame before it', () => {
    const whole = Buffer.concat([encodeFrame({ doc: 'a', bytes: bytes(50, 1) }), encodeFrame({ doc: 'b', bytes: bytes(50, 2) })]);
    const torn = Buffer.concat([whole, encodeFrame({ doc: 'c', bytes: bytes(50, 3) }).subarray(0, 30)]);
    const decoded = decodeFrames(torn);
    expect(decoded.frames.map((f) => f.doc)).toEqual(['a', 'b']);
    expect(decoded.validLength).toBe(whole.length);
  });

  it('stop at a frame whose checksum does not match its bytes', () => {
    const data = Buffer.concat([encodeFrame({ doc: 'a', bytes: bytes(20, 1) }), encodeFrame({ doc: 'b', bytes: bytes(20, 2) })]);
    data[data.length - 1]! ^= 0xff;
    expect(decodeFrames(data).frames.map((f) => f.doc)).toEqual(['a']);
  });
});

describe('RecordJournal', () => {
  it('makes the appends of one turn durable in one write (group commit)', async () => {
    const dataDir = await fx.tempDir();
    const { journal } = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    await Promise.all(Array.from({ length: 10 }, (_, i) => journal.append([{ doc: `d${i}`, bytes: bytes(10, i) }])));
    expect(journal.stats).toMatchObject({ writes: 1, frames: 10 });
    await journal.append([{ doc: 'later', bytes: bytes(10, 99) }]);
    expect(journal.stats).toMatchObject({ writes: 2, frames: 11 });
    await journal.close();
  });

  it('writes a whole append at once when no write is in flight, else it joins the next write', async () => {
    const dataDir = await fx.tempDir();
    const { journal } = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    const applied: string[] = [];
    const whole = journal.append([{ doc: 'charge', bytes: bytes(10, 1) }, { doc: 'observation', bytes: bytes(10, 2) }], () => applied.push('call 1'), { whole: true });
    // Durable (and handed on) before append returns: nothing waited for the turn or a disk thread.
    expect(applied).toEqual(['call 1']);
    expect(journal.stats).toMatchObject({ writes: 1, frames: 2 });
    await whole;
    // A write waiting for its turn is in flight: a whole append joins it.
    const review = journal.append([{ doc: 'review', bytes: bytes(10, 3) }], () => applied.push('review'));
    const joined = journal.append([{ doc: 'charge 2', bytes: bytes(10, 4) }], () => applied.push('call 2'), { whole: true });
    expect(applied).toEqual(['call 1']);
    await Promise.all([review, joined]);
    expect(applied).toEqual(['call 1', 'review', 'call 2']);
    expect(journal.stats).toMatchObject({ writes: 2, frames: 4 });
    const again = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    expect(again.frames.map((f) => f.doc)).toEqual(['charge', 'observation', 'review', 'charge 2']);
    await again.journal.close();
    await journal.close();
  });

  it('hands what an interrupted run left back for replay, oldest first', async () => {
    const dataDir = await fx.tempDir();
    const first = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    await first.journal.append([{ doc: 'x', bytes: bytes(5, 1) }]);
    await first.journal.append([{ doc: 'y', bytes: bytes(5, 2) }]);
    // No close: as after kill -9, the frames are only in the journal.
    const again = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    expect(again.frames.map((f) => f.doc)).toEqual(['x', 'y']);
    await again.journal.close();
    await first.journal.close();
  });

  it('puts frames into the documents before answering, and before a checkpoint removes their file', async () => {
    const dataDir = await fx.tempDir();
    const log: string[] = [];
    const { journal } = await RecordJournal.open(dataDir, {
      checkpoint: async () => {
        log.push(`checkpoint with ${(await journalFiles(dataDir)).length} file(s)`);
      },
    });
    const appended = journal.append([{ doc: 'x', bytes: bytes(5, 1) }], () => log.push('applied'));
    const checkpointed = journal.checkpoint();
    await appended;
    log.push('answered');
    await checkpointed;
    expect(log).toEqual(['applied', 'answered', 'checkpoint with 2 file(s)']);
    // The sealed file is gone; the fresh one stays for the next appends.
    expect(await journalFiles(dataDir)).toHaveLength(1);
    expect((await RecordJournal.open(dataDir, { checkpoint: async () => undefined })).frames).toEqual([]);
    await journal.close();
  });

  it('keeps the files when putting frames into the documents failed, so the next start replays them', async () => {
    const dataDir = await fx.tempDir();
    const { journal } = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await journal.append([{ doc: 'x', bytes: bytes(5, 1) }], () => {
        throw new Error('document refused');
      });
      await journal.checkpoint();
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect((await RecordJournal.open(dataDir, { checkpoint: async () => undefined })).frames.map((f) => f.doc)).toEqual(['x']);
    await journal.close();
  });

  it('after a failed write, refuses every later append with a clear error until a restart', async () => {
    const dataDir = await fx.tempDir();
    const { journal } = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    // The disk goes away under the journal.
    await (journal as unknown as { file: { close(): Promise<void> } }).file.close();
    await expect(journal.append([{ doc: 'x', bytes: bytes(5, 1) }])).rejects.toThrow();
    await expect(journal.append([{ doc: 'y', bytes: bytes(5, 1) }])).rejects.toThrow(/journal cannot be written/);
    await expect(journal.append([{ doc: 'z', bytes: bytes(5, 1) }], undefined, { whole: true })).rejects.toThrow(/journal cannot be written/);
  });

  it('after a failed whole write, refuses every later append too', async () => {
    const dataDir = await fx.tempDir();
    const { journal } = await RecordJournal.open(dataDir, { checkpoint: async () => undefined });
    const applied: string[] = [];
    await (journal as unknown as { file: { close(): Promise<void> } }).file.close();
    await expect(journal.append([{ doc: 'x', bytes: bytes(5, 1) }], () => applied.push('x'), { whole: true })).rejects.toThrow();
    await expect(journal.append([{ doc: 'y', bytes: bytes(5, 1) }], () => applied.push('y'))).rejects.toThrow(/journal cannot be written/);
    expect(applied).toEqual([]);
  });
});

describe('engine durability through the journal', () => {
  it('a copy of the data folder taken right after an acknowledgement holds the entry', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    await ok(engine, 'marketplace.create', { name: 'Journal market' });
    await ok(engine, 'ledger.deposit', { amount: 1_234_567 });
    // As a crash would leave it: no checkpoint, no close.
    const copy = await fx.tempDir();
    // The live engine's lock socket is no file to copy (a copy is not held by it).
    await cp(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith('engine.sock') });
    expect((await journalFiles(copy)).length).toBeGreaterThan(0);
    const reopened = await fx.open(copy);
    expect(await ok(reopened, 'ledger.balance')).toMatchObject({ balance: 1_234_567, entries: 1 });
    // Replayed into the documents and checkpointed: one fresh journal file is left.
    expect(await journalFiles(copy)).toHaveLength(1);
  });

  it('leaves no journal behind after a clean close, the documents hold everything', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    await ok(engine, 'marketplace.create', { name: 'Journal market' });
    await ok(engine, 'ledger.deposit', { amount: 42 });
    await fx.close(engine);
    expect(await journalFiles(dataDir)).toEqual([]);
    // Tampering with a leftover journal is not possible when there is none; the documents answer alone.
    await writeFile(join(dataDir, 'journal', 'garbage.txt'), 'not a journal file');
    const reopened = await fx.open(dataDir);
    expect(await ok(reopened, 'ledger.balance')).toMatchObject({ balance: 42, entries: 1 });
    expect(await readFile(join(dataDir, 'journal', 'garbage.txt'), 'utf8')).toBe('not a journal file');
  });
});

describe('StagingQueue', () => {
  it('puts records into documents after a short window, one change per document, or at once when someone reads', async () => {
    const staged: Array<[string, string[]]> = [];
    const queue = new StagingQueue((name, records) => staged.push([name, records.map((r) => r.hash)]), 20);
    const rec = (hash: string) => ({ hash, bytes: new Uint8Array([1]) });
    queue.push('a', [rec('a1')]);
    queue.push('b', [rec('b1')]);
    queue.push('a', [rec('a2'), rec('a3')]);
    expect(staged).toEqual([]);
    queue.drain(); // a reader
    expect(staged).toEqual([['a', ['a1', 'a2', 'a3']], ['b', ['b1']]]);
    queue.push('c', [rec('c1')]);
    queue.push('c', [rec('c2')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(staged).toHaveLength(2); // still within the window
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(staged).toEqual([['a', ['a1', 'a2', 'a3']], ['b', ['b1']], ['c', ['c1', 'c2']]]);
  });

  it('remembers a failure, so a checkpoint keeps the journal files', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const queue = new StagingQueue((name) => {
        if (name === 'bad') throw new Error('refused');
      });
      queue.push('bad', []);
      queue.push('good', []);
      queue.drain();
      expect(queue.error?.message).toBe('refused');
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });

  it('the documents hold an acknowledged record as soon as it is acknowledged', async () => {
    const engine = await fx.open();
    await ok(engine, 'marketplace.create', { name: 'Journal market' });
    const deposit = await ok<{ hash: string }>(engine, 'ledger.deposit', { amount: 7 });
    const stored = engine.docs.docNames().flatMap((name) => engine.docs.records(name).map(([key]) => key));
    expect(stored).toContain(deposit.hash);
  });
});
