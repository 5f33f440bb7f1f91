/**
 * The therapist's side of the stop signal: the open alerts (one per partner) and the running protocol, from the
 * server (kept in storage, so a reload or a second device shows the same), as entries of the alert region.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SafetyState } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import type { RegionAlert } from '../../components/AlertRegion';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { formatClockTime } from '../timers/format';

const EMPTY: SafetyState = { alerts: [], protocol: null };

export interface SafetyAlerts {
  alerts: RegionAlert[];
  /** Dismiss one of ours (`stop:<partnerId>`); false when the id is not ours. */
  dismiss(id: string): boolean;
}

export function useSafetyAlerts(): SafetyAlerts {
  const { t, i18n } = useTranslation();
  const { connection, emitWithAck, snapshot } = useSessionSocket();
  const [state, setState] = useState<SafetyState>(EMPTY);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; error: AppError } | null>(null);

  useEffect(() => {
    if (connection !== 'connected') return;
    let cancelled = false;
    void emitWithAck('safety:state', {}).then((res) => {
      if (!cancelled && res.ok) setState(res.data);
    });
    return () => {
      cancelled = true;
    };
  }, [connection, emitWithAck]);

  useSessionEvent('safety:state', (next) => {
    setState((prev) => {
      const fresh = next.alerts.some((a) => {
        const before = prev.alerts.find((p) => p.partnerId === a.partnerId);
        return !before || before.count !== a.count;
      });
      // The video in full screen would hide the alert: leave it, as a pause and a quick exit do.
      if (fresh && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
      return next;
    });
  });

  const partners = snapshot?.partners ?? [];
  const nameOf = (id: string) => partners.find((p) => p.id === id)?.name ?? '';
  const therapist = snapshot?.participants.find((p) => p.role === 'therapist')?.name ?? '';
  const canProtocol = snapshot?.kind === 'joint' && partners.length === 2;

  const act = async (id: string, run: () => ReturnType<typeof emitWithAck<'safety:dismiss'>>) => {
    setPending(id);
    const res = await run();
    setPending(null);
    if (res.ok) {
      setState(res.data);
      setError(null);
    } else setError({ id, error: res.error });
  };

  const alerts: RegionAlert[] = state.alerts.map((a) => {
    const id = `stop:${a.partnerId}`;
    const other = partners.find((p) => p.id !== a.partnerId)?.name ?? '';
    const at = Date.parse(a.at);
    const protocolOn = state.protocol !== null;
    return {
      id,
      personId: a.partnerId,
      message: (
        <>
          <p>
            {a.count > 1
              ? t('safety.alert.signalMany', { name: a.name, count: a.count })
              : t('safety.alert.signal', { name: a.name })}{' '}
            <time className="region-alert-time" dateTime={new Date(at).toISOString()}>
              {formatClockTime(at, i18n.language)}
            </time>
          </p>
          {canProtocol && !protocolOn ? (
            <p className="region-alert-hint" id={`${id}-hint`}>
              {t('safety.alert.protocolHint', { first: a.name, second: other, therapist })}
            </p>
          ) : null}
          {!canProtocol ? <p className="region-alert-hint">{t('safety.alert.protocolUnavailable')}</p> : null}
          {error?.id === id ? <ErrorNotice error={error.error} /> : null}
        </>
      ),
      actions:
        canProtocol && !protocolOn ? (
          <PendingButton
            className="btn btn-primary btn-small"
            pending={pending === id}
            aria-describedby={`${id}-hint`}
            onPress={() => void act(id, () => emitWithAck('safety:protocol-start', { partnerId: a.partnerId }))}
          >
            {t('safety.alert.startProtocol')}
          </PendingButton>
        ) : undefined,
    };
  });

  const p = state.protocol;
  if (p && (p.step === 'pause' || p.step === 'first' || p.step === 'second')) {
    const id = 'stop:protocol';
    alerts.push({
      id,
      personId: p.firstPartnerId,
      dismissable: false,
      message: (
        <>
          <p>
            {t(`safety.alert.protocol.${p.step}`, {
              first: nameOf(p.firstPartnerId),
              second: nameOf(p.secondPartnerId),
            })}
          </p>
          <p className="region-alert-hint" id={`${id}-hint`}>
            {t('safety.alert.protocol.stopHint')}
          </p>
          {error?.id === id ? <ErrorNotice error={error.error} /> : null}
        </>
      ),
      actions: (
        <PendingButton
          className="btn btn-secondary btn-small"
          pending={pending === id}
          aria-describedby={`${id}-hint`}
          onPress={() => void act(id, () => emitWithAck('safety:protocol-stop', {}))}
        >
          {t('safety.alert.protocol.stop')}
        </PendingButton>
      ),
    });
  }

  return {
    alerts,
    dismiss(id) {
      if (!id.startsWith('stop:') || id === 'stop:protocol') return false;
      const partnerId = id.slice('stop:'.length);
      void act(id, () => emitWithAck('safety:dismiss', { partnerId }));
      return true;
    },
  };
}
