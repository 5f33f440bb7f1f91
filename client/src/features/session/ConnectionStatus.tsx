import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './socketState';

const CONNECTION_KEYS: Record<ConnectionState, string> = {
  connecting: 'connection.connecting',
  connected: 'connection.connected',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
  refused: 'connection.refused',
};

/** The connection state in words and a dot; a polite live region so changes are announced. */
export function ConnectionStatus({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="connection" data-connection={connection}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{t(CONNECTION_KEYS[connection])}</span>
    </p>
  );
}
