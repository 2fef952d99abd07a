import { useState } from 'react';

/**
 * Copies a value with the Clipboard API. Where the page may not write the clipboard (no user
 * activation, a denied permission in the desktop shell) it says so: the value is shown selectable
 * next to the button, so it can always be copied by hand.
 */
export function CopyButton({ value, label, testId }: { value: string; label: string; testId: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() => void copy()}
      data-testid={testId}
      data-state={state}
      aria-label={`Copy ${label}`}
      title={state === 'failed' ? 'The clipboard is not available here: select the text and copy it' : `Copy ${label}`}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed — select it' : 'Copy'}
    </button>
  );
}
