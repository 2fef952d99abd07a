import { CatalogScreen } from '../catalog/CatalogScreen';
import { CompareScreen } from '../compare/CompareScreen';
import { Onboarding } from '../onboarding/Onboarding';
import { WindowFrame } from '../shell/WindowFrame';
import { useUiStore } from '../state/ui-store';

/** The user window: onboarding until a marketplace exists, then the catalog and the comparison. */
export function UserApp() {
  const screen = useUiStore((s) => s.screen);
  const showScreen = useUiStore((s) => s.showScreen);
  const picked = useUiStore((s) => s.compareIds.length);
  const screens = [
    { id: 'catalog', label: 'Catalog' },
    { id: 'compare', label: picked > 0 ? `Compare (${picked})` : 'Compare' },
  ] as const;
  return (
    <WindowFrame windowName="Marketplace" screens={screens}>
      {(health, reloadHealth) =>
        health.marketplace === null ? (
          <Onboarding
            onReady={() => {
              showScreen('catalog');
              reloadHealth();
            }}
          />
        ) : screen === 'compare' ? (
          <CompareScreen />
        ) : (
          <CatalogScreen />
        )
      }
    </WindowFrame>
  );
}
