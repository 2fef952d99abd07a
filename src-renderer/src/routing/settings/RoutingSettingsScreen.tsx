import { useCommand } from '../../client/useCommand';
import { ErrorState, LoadingState } from '../../shell/StatusViews';
import { ApiKeys } from './ApiKeys';
import { LocalDiscovery } from './LocalDiscovery';
import { RoutingSettingsForm } from './RoutingSettingsForm';

/** How calls are routed and paid, which keys go to which endpoints, and local models. */
export function RoutingSettingsScreen() {
  const settings = useCommand('routing.getSettings', {});
  return (
    <section className="screen" data-testid="routing-settings" aria-label="Routing settings">
      <div className="toolbar">
        <h1 className="screen-title">Routing settings</h1>
      </div>
      <div className="screen-scroll">
        <div className="settings-grid">
          {settings.data ? (
            <RoutingSettingsForm initial={settings.data} />
          ) : settings.error && !settings.loading ? (
            <ErrorState error={settings.error} onRetry={settings.reload} testId="routing-settings-error" />
          ) : (
            <LoadingState label="Loading routing settings…" />
          )}
          <div className="settings-column">
            <ApiKeys />
            <LocalDiscovery />
          </div>
        </div>
      </div>
    </section>
  );
}
