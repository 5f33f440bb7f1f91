import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiResult, AppError } from './api';

interface Loaded<T> {
  key: string;
  version: number;
  result: ApiResult<T>;
}

export interface QueryState<T> {
  data: T | undefined;
  error: AppError | null;
  /** No answer yet for the current key. */
  loading: boolean;
  /** A reload is under way while older data is shown. */
  refreshing: boolean;
  reload: () => void;
  /** Replace the data locally (after a mutation answered with the new value). */
  setData: (update: T | ((previous: T) => T)) => void;
}

/**
 * Load data for `key` (null: wait). The fetcher gets an AbortSignal; answers for an old key
 * are dropped. Data stays visible while a reload runs.
 */
export function useQuery<T>(
  key: string | null,
  fetcher: (signal: AbortSignal) => Promise<ApiResult<T>>,
): QueryState<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [version, setVersion] = useState(0);
  const run = useEffectEvent((signal: AbortSignal) => fetcher(signal));

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    void run(controller.signal).then((result) => {
      if (!controller.signal.aborted) setLoaded({ key, version, result });
    });
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback(
    (update: T | ((previous: T) => T)) =>
      setLoaded((prev) => {
        if (!prev?.result.ok) return prev;
        const data = typeof update === 'function' ? (update as (previous: T) => T)(prev.result.data) : update;
        return { ...prev, result: { ok: true, data } };
      }),
    [],
  );

  const current = loaded && loaded.key === key ? loaded : null;
  return {
    data: current?.result.ok ? current.result.data : undefined,
    error: current && !current.result.ok ? current.result.error : null,
    loading: current === null,
    refreshing: current !== null && current.version !== version,
    reload,
    setData,
  };
}
