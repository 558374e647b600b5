import type { ReactNode } from 'react';
import type { ErrorView } from '../../../electron/ipc/types.ts';
import { helpFor, type ErrorContext } from '../lib/error-help.ts';
import { Icon, type IconName } from './Icon.tsx';

export type Tone = 'info' | 'success' | 'warning' | 'error';

const toneIcon: Record<Tone, IconName> = { info: 'info', success: 'success', warning: 'warning', error: 'error' };

interface NoticeProps {
  tone: Tone;
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** 'alert' interrupts a screen reader: only for a failure of something the person just did. */
  announce?: 'status' | 'alert' | 'none';
  icon?: IconName;
  className?: string;
}

export function Notice({ tone, title, children, actions, announce = 'status', icon, className }: NoticeProps) {
  const role = announce === 'none' ? undefined : announce;
  return (
    <div className={`notice notice--${tone}${className ? ` ${className}` : ''}`} role={role}>
      <Icon name={icon ?? toneIcon[tone]} className="notice__icon" />
      <div className="notice__content">
        {title && <p className="notice__title">{title}</p>}
        {children && <div className="notice__text">{children}</div>}
      </div>
      {actions && <div className="notice__actions">{actions}</div>}
    </div>
  );
}

interface ErrorNoticeProps {
  error: ErrorView;
  context: ErrorContext;
  actions?: ReactNode;
  /** Shows a "Try again" button that calls it (when there are no other actions). */
  onRetry?: () => void;
  announce?: 'status' | 'alert';
}

/** An error value as a notice: heading and next step for where it happened, the app's own sentence between. */
export function ErrorNotice({ error, context, actions, onRetry, announce = 'alert' }: ErrorNoticeProps) {
  const help = helpFor(error, context);
  const retry = onRetry && (
    <button type="button" className="button button--small" onClick={onRetry}>
      Try again
    </button>
  );
  return (
    <Notice tone="error" title={help.title} actions={actions ?? retry} announce={announce}>
      <p>{error.message}</p>
      {help.nextStep && <p>{help.nextStep}</p>}
    </Notice>
  );
}
