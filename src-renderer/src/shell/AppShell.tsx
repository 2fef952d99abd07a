import type { ReactNode } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { useUiStore, type ScreenId } from '../state/ui-store';
import { StatusLine } from './StatusLine';
import { ThemeSelect } from './ThemeSelect';

export interface ScreenLink {
  id: ScreenId;
  label: string;
}

/** The frame both windows share: name, navigation, theme, and who/where you are. */
export function AppShell({
  windowName,
  screens,
  health,
  children,
}: {
  windowName: string;
  screens: readonly ScreenLink[];
  health: CommandOutput<'system.health'> | undefined;
  children: ReactNode;
}) {
  const screen = useUiStore((s) => s.screen);
  const showScreen = useUiStore((s) => s.showScreen);
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">InfiniRoute</span>
          <span className="brand-window">{windowName}</span>
        </div>
        <nav className="app-nav" aria-label="Screens">
          {screens.map((link) => (
            <button
              key={link.id}
              type="button"
              className="nav-link"
              aria-current={screen === link.id ? 'page' : undefined}
              data-testid={`nav-${link.id}`}
              onClick={() => showScreen(link.id)}
            >
              {link.label}
            </button>
          ))}
        </nav>
        <ThemeSelect />
      </header>
      <main className="app-main">{children}</main>
      <StatusLine health={health} />
    </div>
  );
}
