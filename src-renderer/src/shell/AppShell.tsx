import type { ReactNode } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { EngineBanner } from './EngineBanner';
import { ScreenNav, type ScreenLink } from './ScreenNav';
import { StatusLine } from './StatusLine';
import { ThemeSelect } from './ThemeSelect';

export type { ScreenLink };

const MAIN_ID = 'main-content';

/** The frame both windows share: name, navigation, theme, and who/where you are. */
export function AppShell({
  windowName,
  screens,
  health,
  windowAction,
  children,
}: {
  windowName: string;
  screens: readonly ScreenLink[];
  health: CommandOutput<'system.health'> | undefined;
  /**
   * A window's own entry in the status line (the user window's way into the producer console):
   * there it is always visible without taking a screen link's place in the header.
   */
  windowAction?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="app">
      <button
        type="button"
        className="skip-link"
        data-testid="skip-link"
        onClick={() => document.getElementById(MAIN_ID)?.focus()}
      >
        Skip to content
      </button>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">InfiniRoute</span>
          <span className="brand-window">{windowName}</span>
        </div>
        <ScreenNav screens={screens} />
        <ThemeSelect />
      </header>
      <EngineBanner />
      <main className="app-main" id={MAIN_ID} tabIndex={-1}>
        {children}
      </main>
      <StatusLine health={health} action={windowAction} />
    </div>
  );
}
