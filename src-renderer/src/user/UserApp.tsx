import { CatalogScreen } from '../catalog/CatalogScreen';
import { Onboarding } from '../onboarding/Onboarding';
import { WindowFrame } from '../shell/WindowFrame';
import { useUiStore } from '../state/ui-store';

const SCREENS = [{ id: 'catalog', label: 'Catalog' }] as const;

/** The user window: onboarding until a marketplace exists, then the catalog. */
export function UserApp() {
  const showScreen = useUiStore((s) => s.showScreen);
  return (
    <WindowFrame windowName="Marketplace" screens={SCREENS}>
      {(health, reloadHealth) =>
        health.marketplace === null ? (
          <Onboarding
            onReady={() => {
              showScreen('catalog');
              reloadHealth();
            }}
          />
        ) : (
          <CatalogScreen />
        )
      }
    </WindowFrame>
  );
}
