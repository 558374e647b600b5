import { useEffect, useId, useState } from 'react';
import type { ErrorView, Settings } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { useOpenAtLogin } from '../hooks/use-open-at-login.ts';
import { toErrorView } from '../lib/error-help.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './Notice.tsx';
import { OpenAtLoginSetting } from './OpenAtLoginSetting.tsx';

interface SettingsDialogProps {
  open: boolean;
  onClose(): void;
  /** Closing to the tray is a choice only in the desktop app, and not on a Mac, where apps keep running anyway. */
  offerCloseToTray: boolean;
}

const intervalChoices = [1, 5, 15, 30, 60];

export function SettingsDialog({ open, onClose, offerCloseToTray }: SettingsDialogProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { interval: useId(), tray: useId() };
  const openAtLogin = useOpenAtLogin(open);

  useEffect(() => {
    if (!open) return;
    setSettings(null);
    setError(null);
    api.getSettings().then(setSettings, (failure: unknown) => setError(toErrorView(failure)));
  }, [open]);

  const save = async () => {
    if (settings === null) return;
    setSaving(true);
    setError(null);
    try {
      await api.updateSettings(
        offerCloseToTray ? { checkIntervalMinutes: settings.checkIntervalMinutes, closeToTray: settings.closeToTray } : { checkIntervalMinutes: settings.checkIntervalMinutes },
      );
      // Stays open when the OS refused: the setting then shows why.
      if (await openAtLogin.apply()) onClose();
    } catch (failure) {
      setError(toErrorView(failure));
    } finally {
      setSaving(false);
    }
  };

  const shownError = error ?? openAtLogin.failure;
  const intervals = settings && !intervalChoices.includes(settings.checkIntervalMinutes) ? [...intervalChoices, settings.checkIntervalMinutes].sort((a, b) => a - b) : intervalChoices;

  return (
    <Dialog
      open={open}
      title="Settings"
      onClose={onClose}
      busy={saving}
      className="dialog--narrow"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={() => void save()} disabled={settings === null || saving} aria-busy={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      {settings === null && !error && <p className="muted">Loading your settings…</p>}
      {settings && (
        <>
          <label className="field" htmlFor={ids.interval}>
            <span className="field__label">Check the connection to HubSpot every</span>
            <select
              id={ids.interval}
              className="input"
              value={settings.checkIntervalMinutes}
              onChange={(event) => setSettings({ ...settings, checkIntervalMinutes: Number(event.target.value) })}
              autoFocus
            >
              {intervals.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes === 1 ? '1 minute' : minutes === 60 ? '1 hour' : `${minutes} minutes`}
                </option>
              ))}
            </select>
          </label>
          {offerCloseToTray && (
            <label className="check">
              <input
                type="checkbox"
                checked={settings.closeToTray}
                onChange={(event) => setSettings({ ...settings, closeToTray: event.target.checked })}
                aria-describedby={ids.tray}
              />
              <span>
                Keep running in the tray when I close the window
                <span className="check__hint" id={ids.tray}>
                  Contact Desk then keeps checking the connection and tells you when it is lost. Turn off to quit when you close the window.
                </span>
              </span>
            </label>
          )}
          {openAtLogin.view && <OpenAtLoginSetting view={openAtLogin.view} wanted={openAtLogin.wanted} onChange={openAtLogin.setWanted} />}
        </>
      )}
      {shownError && <ErrorNotice error={shownError} context="general" />}
    </Dialog>
  );
}
