import type { SecretFiles } from './secret-files';

const LABEL = 'secrets/api-keys.json' as const;

/**
 * The user's API keys for producers' endpoints, by endpoint base URL. Local only: never in a shared
 * document, file mode 0600 in a 0700 folder, AES-256-GCM encrypted when the data folder has a data
 * key (see secret-files.ts), and never returned whole through the contract.
 */
export class ApiKeyStore {
  /** Writes one at a time: two overlapping set() calls must not lose one key or share a temp file. */
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly secrets: SecretFiles,
    private keys: Record<string, string>,
  ) {}

  /** `secrets`: the folder's secret files, opened with its data key (Engine.open → openSecretFolder). */
  static async open(secrets: SecretFiles): Promise<ApiKeyStore> {
    const text = await secrets.read(LABEL);
    let keys: Record<string, string> = {};
    if (text !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${LABEL} is not valid JSON`);
      }
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        keys = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    }
    return new ApiKeyStore(secrets, keys);
  }

  static normalise(baseUrl: string): string {
    return baseUrl.replace(/\/+$/, '');
  }

  keyFor(baseUrl: string): string | undefined {
    const id = ApiKeyStore.normalise(baseUrl);
    return Object.prototype.hasOwnProperty.call(this.keys, id) ? this.keys[id] : undefined;
  }

  /** What the UI may see: which endpoints have a key, and its last four characters. */
  list(): Array<{ baseUrl: string; hint: string }> {
    return Object.entries(this.keys)
      .map(([baseUrl, key]) => ({ baseUrl, hint: `…${key.slice(-4)}` }))
      .sort((a, b) => (a.baseUrl < b.baseUrl ? -1 : 1));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  set(baseUrl: string, key: string): Promise<void> {
    return this.serially(async () => {
      const next = { ...this.keys, [ApiKeyStore.normalise(baseUrl)]: key };
      await this.secrets.write(LABEL, JSON.stringify(next));
      this.keys = next;
    });
  }

  remove(baseUrl: string): Promise<boolean> {
    return this.serially(async () => {
      const id = ApiKeyStore.normalise(baseUrl);
      if (!Object.prototype.hasOwnProperty.call(this.keys, id)) return false;
      const next = { ...this.keys };
      delete next[id];
      await this.secrets.write(LABEL, JSON.stringify(next));
      this.keys = next;
      return true;
    });
  }
}
