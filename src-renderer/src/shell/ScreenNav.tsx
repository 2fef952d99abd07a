import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useUiStore, type ScreenId } from '../state/ui-store';

export interface ScreenLink {
  id: ScreenId;
  label: string;
}

/** Room kept for the "More" button when some links do not fit. */
const MORE_WIDTH = 90;

/**
 * How many links fit the nav's width, measured from an invisible copy of them all (labels change,
 * e.g. "Compare (3)", so the widths are read again on every change and every resize).
 */
function useFittingCount(links: readonly ScreenLink[]) {
  const nav = useRef<HTMLElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(links.length);
  const labels = links.map((l) => l.label).join('\n');
  useLayoutEffect(() => {
    const compute = () => {
      const available = nav.current?.clientWidth ?? 0;
      const widths = [...(measure.current?.children ?? [])].map((el) => (el as HTMLElement).offsetWidth + 2);
      const total = widths.reduce((a, b) => a + b, 0);
      // Without layout (a test DOM) nothing is measured and everything shows.
      if (available === 0 || total <= available) return setFit(widths.length);
      let used = MORE_WIDTH;
      let count = 0;
      while (count < widths.length && used + widths[count]! <= available) used += widths[count++]!;
      setFit(count);
    };
    compute();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(compute);
    if (nav.current) observer?.observe(nav.current);
    return () => observer?.disconnect();
  }, [labels]);
  return { nav, measure, fit };
}

/** The screens of a window: as many links as fit, the rest under "More" (never cut off). */
export function ScreenNav({ screens }: { screens: readonly ScreenLink[] }) {
  const screen = useUiStore((s) => s.screen);
  const showScreen = useUiStore((s) => s.showScreen);
  const { nav, measure, fit } = useFittingCount(screens);
  const [open, setOpen] = useState(false);
  const more = useRef<HTMLDivElement>(null);
  const shown = screens.slice(0, fit);
  const rest = screens.slice(fit);
  const currentInRest = rest.find((l) => l.id === screen);

  useEffect(() => {
    if (!open) return undefined;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !more.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);

  const link = (l: ScreenLink, inMenu: boolean) => (
    <button
      key={l.id}
      type="button"
      className={inMenu ? 'nav-link nav-menu-item' : 'nav-link'}
      aria-current={screen === l.id ? 'page' : undefined}
      data-testid={`nav-${l.id}`}
      onClick={() => {
        setOpen(false);
        showScreen(l.id);
      }}
    >
      {l.label}
    </button>
  );

  return (
    <nav className="app-nav" aria-label="Screens" ref={nav}>
      <div className="nav-measure" aria-hidden="true" ref={measure}>
        {screens.map((l) => (
          <span key={l.id} className="nav-link">
            {l.label}
          </span>
        ))}
      </div>
      {shown.map((l) => link(l, false))}
      {rest.length > 0 && (
        <div className="nav-more" ref={more}>
          <button
            type="button"
            className="nav-link"
            aria-expanded={open}
            aria-current={currentInRest ? 'page' : undefined}
            title={currentInRest ? `More screens (now: ${currentInRest.label})` : 'More screens'}
            data-testid="nav-more"
            onClick={() => setOpen((o) => !o)}
          >
            More <span aria-hidden="true">▾</span>
          </button>
          {open && <div className="nav-menu" data-testid="nav-more-menu">{rest.map((l) => link(l, true))}</div>}
        </div>
      )}
    </nav>
  );
}
