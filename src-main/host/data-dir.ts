import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** Where the headless host keeps its data when no --data is given (the desktop app uses Electron's userData). */
export function defaultDataDir(os = platform(), home = homedir(), env = process.env): string {
  if (os === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'InfiniRoute', 'data');
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'InfiniRoute', 'data');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'infiniroute');
}
