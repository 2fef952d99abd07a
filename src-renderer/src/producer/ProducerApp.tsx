import { useHashRoute } from '../nav/useHashRoute';
import { TransparencyScreen } from '../rewards/TransparencyScreen';
import { EmptyState } from '../shell/StatusViews';
import { WindowFrame } from '../shell/WindowFrame';
import { useUiStore } from '../state/ui-store';
import { MyModelsScreen } from './MyModelsScreen';
import { PerformanceScreen } from './performance/PerformanceScreen';
import { PricingScreen } from './pricing/PricingScreen';
import { ProfileScreen } from './ProfileScreen';
import { ProducerReviewsScreen } from './reviews/ProducerReviewsScreen';
import { RewardsScreen } from './rewards/RewardsScreen';
import { RevenueScreen } from './revenue/RevenueScreen';

const SCREENS = [
  { id: 'my-models', label: 'My models' },
  { id: 'pricing', label: 'Pricing' },
  { id: 'revenue', label: 'Revenue' },
  { id: 'producer-reviews', label: 'Reviews' },
  { id: 'performance', label: 'Performance' },
  { id: 'rewards', label: 'Rewards' },
  { id: 'profile', label: 'Profile' },
] as const;

const ROUTED_SCREENS = [...SCREENS.map((s) => s.id), 'transparency' as const];

/** The producer console: the same engine and identity as the user window, seen as a seller. */
export function ProducerApp() {
  const screen = useUiStore((s) => s.screen);
  useHashRoute(ROUTED_SCREENS);
  return (
    <WindowFrame windowName="Producer Console" screens={SCREENS}>
      {(health) => {
        if (health.marketplace === null) {
          return (
            <EmptyState title="No marketplace is open yet." testId="no-marketplace">
              <p>
                Create a new marketplace or open the demo marketplace in the InfiniRoute user window. This console follows as soon
                as one exists.
              </p>
            </EmptyState>
          );
        }
        // In a demo folder the console acts as the demo producer; elsewhere the identity is its own producer.
        const me = health.identity.producerKey;
        if (screen === 'pricing') return <PricingScreen producerKey={me} />;
        if (screen === 'revenue') return <RevenueScreen producerKey={me} />;
        if (screen === 'profile') return <ProfileScreen />;
        if (screen === 'producer-reviews') return <ProducerReviewsScreen producerKey={me} />;
        if (screen === 'performance') return <PerformanceScreen producerKey={me} />;
        if (screen === 'rewards') return <RewardsScreen producerKey={me} />;
        if (screen === 'transparency') return <TransparencyScreen />;
        return <MyModelsScreen producerKey={me} />;
      }}
    </WindowFrame>
  );
}
