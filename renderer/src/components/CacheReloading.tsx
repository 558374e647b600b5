import { api } from '../api.ts';
import { useLiveValue } from '../hooks/use-live-value.ts';

/** A short note while Contact Desk replaces the part that reads and saves contacts (it stopped, and is back in a moment). */
export function CacheReloading() {
  const status = useLiveValue('cacheStatus', api.getCacheStatus);
  if (status.value?.state !== 'reloading') return null;
  return (
    <p className="cache-reloading" role="status">
      Reloading your saved contacts…
    </p>
  );
}
