import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DecisionSchema } from '../../../src-shared/routing';
import { LineFile } from '../journal/line-file';

export type Decision = z.infer<typeof DecisionSchema>;

const KEEP_IN_MEMORY = 2_000;

/**
 * The local history of routing decisions (what was asked, who answered, cost): local-only data, an
 * append-only JSON Lines file. The money itself is in the ledger; this is the user's own record.
 */
export class DecisionLog {
  private readonly file: LineFile;
  /** How many of `recent` carry each id (a call checks its id is new before deciding). */
  private readonly ids = new Map<string, number>();

  private constructor(
    path: string,
    private readonly recent: Decision[],
  ) {
    this.file = new LineFile(path);
    for (const d of recent) this.count(d.decisionId, 1);
  }

  static async open(dataDir: string): Promise<DecisionLog> {
    const path = join(dataDir, 'decisions.jsonl');
    const recent: Decision[] = [];
    try {
      for (const line of (await readFile(path, 'utf8')).split('\n')) {
        if (!line.trim()) continue;
        const parsed = DecisionSchema.safeParse(JSON.parse(line));
        if (parsed.success) recent.push(parsed.data);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    }
    return new DecisionLog(path, recent.slice(-KEEP_IN_MEMORY));
  }

  async add(decision: Decision): Promise<void> {
    this.file.append(`${JSON.stringify(decision)}\n`);
    this.recent.push(decision);
    this.count(decision.decisionId, 1);
    if (this.recent.length > KEEP_IN_MEMORY) this.count(this.recent.shift()!.decisionId, -1);
  }

  private count(decisionId: string, by: 1 | -1): void {
    const n = (this.ids.get(decisionId) ?? 0) + by;
    if (n > 0) this.ids.set(decisionId, n);
    else this.ids.delete(decisionId);
  }

  close(): void {
    this.file.close();
  }

  find(decisionId: string): Decision | undefined {
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i]!.decisionId === decisionId) return this.recent[i];
    return undefined;
  }

  has(decisionId: string): boolean {
    return this.ids.has(decisionId);
  }

  list(offset: number, limit: number, modelId?: string): { total: number; items: Decision[] } {
    const all = [...this.recent].reverse().filter((d) => !modelId || d.answeredBy === modelId || d.chosen === modelId);
    return { total: all.length, items: all.slice(offset, offset + limit) };
  }
}
