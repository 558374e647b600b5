/**
 * A progress bar: how far along when the total is known, otherwise a highlight sweeping across. The
 * sweep moves a layer of its own by transform, which the browser animates without redrawing the
 * page; an animated background did, fifty times a second through every sync and export.
 */
export function ProgressBar({ labelledBy, value, max, inline = false }: { labelledBy: string; value?: number; max?: number; inline?: boolean }) {
  if (max !== undefined && max > 0) {
    return <progress className={inline ? 'progress progress--inline' : 'progress'} aria-labelledby={labelledBy} max={max} value={Math.min(value ?? 0, max)} />;
  }
  return (
    <span className={inline ? 'progress-sweep progress--inline' : 'progress-sweep'}>
      <progress className="progress" aria-labelledby={labelledBy} />
    </span>
  );
}
