import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Moves the keyboard focus to what it wraps when it appears and scrolls it into view: an error
 * shows where the person is looking, and a screen reader reads it.
 */
export function FocusOnAppear({ children, testId }: { children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="focus-target" data-testid={testId}>
      {children}
    </div>
  );
}
