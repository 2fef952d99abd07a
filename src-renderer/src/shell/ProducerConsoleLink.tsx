import type { CommandOutput } from '../../../src-shared/contract';
import { shortKey } from '../format/numbers';

type Identity = CommandOutput<'system.health'>['identity'];

/**
 * The user window's way into the producer console. window.open of the app's own producer.html is
 * what the desktop shell turns into its single Producer Console window; in a browser the new tab
 * is opened by script with an opener, so it inherits this tab's sessionStorage and with it the
 * page session (no secret is put in the address).
 */
export function ProducerConsoleLink({ identity }: { identity: Identity }) {
  const label = identity.demoProducer ? 'Act as producer' : 'Producer console';
  const title = identity.demoProducer
    ? `Open the Producer Console as this demo’s producer (key ${shortKey(identity.producerKey)}): list models, set prices, answer reviews`
    : 'Open the Producer Console: list your models, set prices, answer reviews';
  return (
    <button
      type="button"
      className="link-button status-action"
      data-testid="open-producer"
      title={title}
      onClick={() => window.open(new URL('producer.html', window.location.href).href, '_blank')}
    >
      {label}
    </button>
  );
}
