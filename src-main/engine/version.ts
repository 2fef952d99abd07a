/** The engine's version, reported by `system.health` (its own module: handlers must not import engine.ts). */
export const ENGINE_VERSION = '0.1.0';
