/**
 * Endpoints that keep failing are skipped for a while (LiteLLM's allowed_fails / cooldown_time):
 * after `allowedFails` consecutive failures an endpoint cools down for `cooldownMs`.
 */
export class Cooldowns {
  private readonly state = new Map<string, { consecutive: number; until: number }>();

  constructor(
    private readonly allowedFails = 3,
    private readonly cooldownMs = 30_000,
  ) {}

  static keyOf(baseUrl: string, model: string): string {
    return `${baseUrl}#${model}`;
  }

  /** Whether any endpoint is cooling now: routing skips the per-model check when none is. */
  anyCooling(now: number): boolean {
    for (const s of this.state.values()) if (s.until > now) return true;
    return false;
  }

  isCooling(key: string, now: number): boolean {
    const s = this.state.get(key);
    return s !== undefined && s.until > now;
  }

  failed(key: string, now: number): void {
    const s = this.state.get(key) ?? { consecutive: 0, until: 0 };
    s.consecutive++;
    if (s.consecutive >= this.allowedFails) {
      s.until = now + this.cooldownMs;
      s.consecutive = 0;
    }
    this.state.set(key, s);
  }

  succeeded(key: string): void {
    this.state.delete(key);
  }
}
