import { useEffect } from 'react';
import { SettingsSchema, type Settings } from '../../../src-shared/contract';
import { useSettings } from './useSettings';

type Theme = Settings['theme'];
const THEMES = SettingsSchema.shape.theme.options;
const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The stylesheet keys its colours off data-theme; "system" defers to the OS preference. */
function useApplyTheme(theme: Theme): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function ThemeSelect() {
  const { settings, error, update } = useSettings();
  const theme = settings?.theme ?? 'system';
  useApplyTheme(theme);
  return (
    <label className="theme-select" title={error ? `Could not change the theme: ${error.message}` : 'Theme (shared by every window)'}>
      <span className="visually-hidden">Theme</span>
      <select
        data-testid="theme-select"
        value={theme}
        disabled={settings === null}
        aria-invalid={error !== null}
        onChange={(event) => void update({ theme: event.target.value as Theme })}
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
