import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { useCommand } from '../client/useCommand';
import { asAppError } from '../client/errors';
import { issuesByField } from '../client/issues';
import { formatPlural } from '../format/numbers';
import { FormField } from '../shell/FormField';
import { FormFooter } from '../shell/FormFooter';
import { TextField } from '../shell/TextField';
import { ErrorState, LoadingState } from '../shell/StatusViews';

type Producer = CommandOutput<'producers.get'>;
type ProfileText = { name: string; description: string; contact: string; website: string };
const FIELDS = ['name', 'description', 'contact', 'website'] as const;
const LIMITS: Record<(typeof FIELDS)[number], number> = { name: 120, description: 4_000, contact: 200, website: 300 };

function ProfileForm({ producer }: { producer: Producer }) {
  const client = useClient();
  const [text, setText] = useState<ProfileText>(() => producer.profile ?? { name: '', description: '', contact: '', website: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const local: Record<string, string> = {};
  if (text.name.trim() === '') local.name = 'Users see this name next to every model you publish.';
  for (const field of FIELDS) if (text[field].length > LIMITS[field]) local[field] = `Use at most ${LIMITS[field]} characters.`;
  const problems = { ...issuesByField(failure, (path) => path), ...local };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      await client.call('producers.setProfile', { ...text, name: text.name.trim() });
      setSaved(true);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  const input = (field: 'name' | 'contact' | 'website', label: string, hint?: string) => (
    <TextField id={`profile-${field}`} label={label} hint={hint} problem={problems[field]} value={text[field]} onChange={(value) => setText({ ...text, [field]: value })} />
  );

  return (
    <form className="card form-section profile-form" data-testid="profile-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Producer profile</h2>
      <p className="muted">
        Signed with your key and shown with your models. {formatPlural(producer.models, 'model')} published under this identity.
      </p>
      {input('name', 'Name', 'Shown next to every model you publish.')}
      <FormField id="profile-description" label="Description" problem={problems.description}>
        <textarea id="profile-description" data-testid="profile-description" rows={4} value={text.description} onChange={(event) => setText({ ...text, description: event.target.value })} />
      </FormField>
      {input('contact', 'Contact', 'An email address or handle users can reach you at.')}
      {input('website', 'Website')}
      <p className="field-hint">
        Your key: <code className="selectable">{producer.producerKey}</code>
      </p>
      <FormFooter
        failure={failure}
        done={saved && 'Profile signed and published.'}
        busy={busy}
        label="Save profile"
        busyLabel="Signing…"
        testIds={{ error: 'profile-error', done: 'profile-saved', submit: 'profile-save' }}
      />
    </form>
  );
}

/** producers.get for the local identity, and the form that signs a new profile. */
export function ProfileScreen() {
  const producer = useCommand('producers.get', {});
  return (
    <section className="screen" data-testid="profile" aria-label="Profile">
      <div className="toolbar">
        <h1 className="screen-title">Profile</h1>
      </div>
      <div className="screen-scroll">
        {producer.data ? (
          <ProfileForm producer={producer.data} />
        ) : producer.error && !producer.loading ? (
          <ErrorState error={producer.error} onRetry={producer.reload} testId="profile-load-error" />
        ) : (
          <LoadingState label="Loading your profile…" />
        )}
      </div>
    </section>
  );
}
