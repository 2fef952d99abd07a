import type { ReactNode } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { useCommand } from '../client/useCommand';
import { AppShell, type ScreenLink } from './AppShell';
import { HealthProvider } from './HealthContext';
import { ErrorState, LoadingState, UnauthorizedScreen } from './StatusViews';

export type Health = CommandOutput<'system.health'>;

/**
 * Everything a window shows depends on system.health (is there a marketplace, who am I), so the
 * frame reads it once and hands it to the window's content. The status line's counts change with
 * the catalog, hence catalog.changed too. Components below read the identity through HealthProvider.
 */
export function WindowFrame({
  windowName,
  screens,
  windowAction,
  children,
}: {
  windowName: string;
  /** Navigation shown once a marketplace is open. */
  screens: readonly ScreenLink[];
  /** Shown in the status line once a marketplace is open. */
  windowAction?: (health: Health) => ReactNode;
  children(health: Health, reloadHealth: () => void): ReactNode;
}) {
  const health = useCommand('system.health', {}, ['marketplace.changed', 'catalog.changed']);
  const data = health.data;
  if (!data && health.error?.code === 'UNAUTHORIZED') return <UnauthorizedScreen error={health.error} />;

  let content: ReactNode;
  if (data) content = <HealthProvider health={data}>{children(data, health.reload)}</HealthProvider>;
  else if (health.error && !health.loading) content = <ErrorState error={health.error} onRetry={health.reload} testId="health-error" />;
  else content = <LoadingState label="Connecting to the InfiniRoute engine…" testId="health-loading" />;

  return (
    <AppShell
      windowName={windowName}
      screens={data?.marketplace ? screens : []}
      health={data}
      windowAction={data?.marketplace && windowAction ? windowAction(data) : undefined}
    >
      {content}
    </AppShell>
  );
}
