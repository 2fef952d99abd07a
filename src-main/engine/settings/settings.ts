import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../../../src-shared/contract';
import { writeAtomically } from '../store/atomic-file';

const DEFAULTS: Settings = { theme: 'system' };

/** Local-only settings (never in a shared document), kept in the engine so every window agrees. */
export class SettingsStore {
  private constructor(
    private readonly path: string,
    private current: Settings,
  ) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    const path = join(dataDir, 'settings.json');
    let current = DEFAULTS;
    try {
      const parsed = SettingsSchema.safeParse({ ...DEFAULTS, ...JSON.parse(await readFile(path, 'utf8')) });
      if (parsed.success) current = parsed.data;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    }
    return new SettingsStore(path, current);
  }

  get(): Settings {
    return { ...this.current };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = SettingsSchema.parse({ ...this.current, ...patch });
    await writeAtomically(this.path, JSON.stringify(next, null, 2));
    this.current = next;
    return this.get();
  }
}
