import { useUiStore } from '../state/ui-store';

/** Shown once, right after the demo opens: what to do first, each one press away. */
export function FirstSteps() {
  const welcome = useUiStore((s) => s.welcome);
  const dismiss = useUiStore((s) => s.dismissWelcome);
  const showScreen = useUiStore((s) => s.showScreen);
  const setTask = useUiStore((s) => s.setTask);
  if (!welcome) return null;
  return (
    <section className="first-steps" aria-label="First steps" data-testid="first-steps">
      <p>
        <strong>Your marketplace is ready.</strong> Start with a prompt: the router picks the best-value model for its task and
        shows why.
      </p>
      <div className="first-steps-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="first-route"
          onClick={() => {
            dismiss();
            showScreen('playground');
          }}
        >
          Route your first prompt
        </button>
        <button
          type="button"
          className="button"
          data-testid="first-compare"
          onClick={() => {
            dismiss();
            setTask('chat');
          }}
        >
          Browse chat models
        </button>
        <button type="button" className="link-button" onClick={dismiss} data-testid="first-dismiss">
          Dismiss
        </button>
      </div>
    </section>
  );
}
