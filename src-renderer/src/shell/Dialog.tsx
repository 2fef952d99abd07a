import { useEffect, useId, useRef, type ReactNode } from 'react';

const FOCUSABLE = 'button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog drawn in the page (not window.confirm, which blocks the renderer and cannot hold a
 * form). Escape closes it, focus moves in on open and back where it was on close. A click beside
 * it does not close it: that would throw away what was typed.
 */
export function Dialog({ title, onClose, testId, children, wide = false }: { title: string; onClose(): void; testId: string; children: ReactNode; wide?: boolean }) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>('input, textarea, select, button:not(.dialog-close)');
    (first ?? panel.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      } else if (event.key === 'Tab' && panel.current) {
        // Keep Tab inside the dialog: the page behind it is not for now.
        const stops = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
        const first = stops[0];
        const last = stops[stops.length - 1];
        if (!first || !last) return;
        const inside = panel.current.contains(document.activeElement);
        if (event.shiftKey && (document.activeElement === first || !inside)) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, []);

  return (
    <div className="dialog-backdrop">
      <div ref={panel} className={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid={testId}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button dialog-close" onClick={onClose} aria-label="Close" data-testid={`${testId}-close`}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
