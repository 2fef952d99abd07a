/**
 * Icons drawn inline as SVG: emoji and symbol glyphs (👍, ★) are missing from many desktop fonts,
 * and a missing glyph turns a rating into an empty box.
 */

const THUMB = 'M2 10h4v12H2zM22 11c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 2 7.6 7.6C7.2 8 7 8.5 7 9v10c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z';
const STAR = 'M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6L2.5 9.4l6.6-.8z';

export function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg className="thumb" viewBox="0 0 24 24" aria-hidden="true" style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path d={THUMB} />
    </svg>
  );
}

export function StarIcon({ className = 'star' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true">
      <path d={STAR} />
    </svg>
  );
}
