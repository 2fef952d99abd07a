import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from '../store/documents';

/**
 * The user's API keys for producers' endpoints, by endpoint base URL. Local only: never in a shared
 * document, file mode 0600 in a 0700 folder, and never returned whole through the contract.
 */
export class ApiKeyStore {
  private constructor(
    private readonly path: string,
    private keys: Record<string, string>,
  ) {}

  static async open(dataDir: string): Promise<ApiKeyStore> {
    const folder = join(dataDir, 'secrets');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, 'api-keys.json');
    let keys: Record<string, string> = {};
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
      if (typeof parsed === 'object' && parsed !== null) {
        keys = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new ApiKeyStore(path, keys);
  }

  static normalise(baseUrl: string): string {
    return baseUrl.replace(/\/+$/, '');
  }

  keyFor(baseUrl: string): string | undefined {
    return this.keys[ApiKeyStore.normalise(baseUrl)];
  }

  /** What the UI may see: which endpoints have a key, and its last four characters. */
  list(): Array<{ baseUrl: string; hint: string }> {
    return Object.entries(this.keys)
      .map(([baseUrl, key]) => ({ baseUrl, hint: `…${key.slice(-4)}` }))
      .sort((a, b) => (a.baseUrl < b.baseUrl ? -1 : 1));
  }

  async set(baseUrl: string, key: string): Promise<void> {
    const next = { ...this.keys, [ApiKeyStore.normalise(baseUrl)]: key };
    await writeAtomically(this.path, JSON.stringify(next), 0o600);
    this.keys = next;
  }

  async remove(baseUrl: string): Promise<boolean> {
    const id = ApiKeyStore.normalise(baseUrl);
    if (!(id in this.keys)) return false;
    const next = { ...this.keys };
    delete next[id];
    await writeAtomically(this.path, JSON.stringify(next), 0o600);
    this.keys = next;
    return true;
  }
}
