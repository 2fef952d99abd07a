import { CatalogScreen } from '../catalog/CatalogScreen';
import { CompareScreen } from '../compare/CompareScreen';
import { ModelPage } from '../model/ModelPage';
import { useHashRoute } from '../nav/useHashRoute';
import { LedgerScreen } from '../ledger/LedgerScreen';
import { WalletScreen } from '../ledger/WalletScreen';
import { Onboarding } from '../onboarding/Onboarding';
import { MyReviewsScreen } from '../reviews/MyReviewsScreen';
import { LeaderboardScreen } from '../rewards/LeaderboardScreen';
import { TransparencyScreen } from '../rewards/TransparencyScreen';
import { ReviewDialogHost } from '../reviews/ReviewDialogHost';
import { DecisionsScreen } from '../routing/DecisionsScreen';
import { PlaygroundScreen } from '../routing/PlaygroundScreen';
import { RoutingSettingsScreen } from '../routing/settings/RoutingSettingsScreen';
import { ProducerConsoleLink } from '../shell/ProducerConsoleLink';
import type { Health } from '../shell/WindowFrame';
import { WindowFrame } from '../shell/WindowFrame';
import { useUiStore, type ScreenId } from '../state/ui-store';
import { IntegrityScreen } from '../sync/IntegrityScreen';
import { NetworkScreen } from '../sync/NetworkScreen';

function Screen({ screen, health }: { screen: ScreenId; health: Health }) {
  const me = health.identity.publicKey;
  switch (screen) {
    case 'model':
      return <ModelPage />;
    case 'compare':
      return <CompareScreen />;
    case 'playground':
      return <PlaygroundScreen />;
    case 'decisions':
      return <DecisionsScreen />;
    case 'wallet':
      return <WalletScreen me={me} isTreasury={health.marketplace?.isTreasury === true} />;
    case 'ledger':
      return <LedgerScreen me={me} />;
    case 'routing':
      return <RoutingSettingsScreen />;
    case 'my-reviews':
      return <MyReviewsScreen />;
    case 'network':
      return <NetworkScreen />;
    case 'integrity':
      return <IntegrityScreen />;
    case 'leaderboard':
      return <LeaderboardScreen />;
    case 'transparency':
      return <TransparencyScreen />;
    default:
      return <CatalogScreen />;
  }
}

/** Every screen of this window a URL may open (nav/route.ts). */
const ROUTED_SCREENS: readonly ScreenId[] = ['catalog', 'model', 'compare', 'playground', 'decisions', 'wallet', 'ledger', 'routing', 'my-reviews', 'leaderboard', 'network', 'integrity', 'transparency'];

/** The user window: onboarding until a marketplace exists, then browsing, routing and paying. */
export function UserApp() {
  const screen = useUiStore((s) => s.screen);
  const welcomeIn = useUiStore((s) => s.welcomeIn);
  const picked = useUiStore((s) => s.compareIds.length);
  const screens = [
    { id: 'catalog', label: 'Catalog' },
    { id: 'compare', label: picked > 0 ? `Compare (${picked})` : 'Compare' },
    { id: 'playground', label: 'Playground' },
    { id: 'decisions', label: 'Decisions' },
    { id: 'wallet', label: 'Wallet' },
    { id: 'ledger', label: 'Ledger' },
    { id: 'routing', label: 'Routing' },
    { id: 'my-reviews', label: 'My reviews' },
    { id: 'leaderboard', label: 'Leaderboard' },
    { id: 'network', label: 'Network' },
    { id: 'integrity', label: 'Integrity' },
  ] as const;
  useHashRoute(ROUTED_SCREENS);
  return (
    <WindowFrame windowName="Marketplace" screens={screens} windowAction={(health) => <ProducerConsoleLink identity={health.identity} />}>
      {(health, reloadHealth) =>
        health.marketplace === null ? (
          <Onboarding
            onReady={() => {
              welcomeIn();
              reloadHealth();
            }}
          />
        ) : (
          <>
            <Screen screen={screen} health={health} />
            <ReviewDialogHost />
          </>
        )
      }
    </WindowFrame>
  );
}
