/** The y-websocket wire format we speak: message types, our auth sub-types, and pre-encoded frames. */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';

export const MessageType = { SYNC: 0, AWARENESS: 1, AUTH: 2, QUERY_AWARENESS: 3 } as const;

/**
 * Sub-types of the AUTH message we send. `PERMISSION_DENIED` is y-protocols' own (stock clients log it);
 * `STORED` is ours: stock clients ignore unknown auth sub-types, our client counts them to show "saved".
 * One STORED is sent per update/step-2 message of a connection, after everything before it is durable.
 */
export const AuthSubType = { PERMISSION_DENIED: 0, STORED: 1 } as const;

export function frame(write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  write(enc);
  return encoding.toUint8Array(enc);
}

/** Largest stored state pushed to a joiner of a cold doc before it asks. */
export const COLD_PUSH_MAX_BYTES = 1024 * 1024;

export const STORED = frame((enc) => {
  encoding.writeVarUint(enc, MessageType.AUTH);
  encoding.writeVarUint(enc, AuthSubType.STORED);
});
export const DENIED = frame((enc) => {
  encoding.writeVarUint(enc, MessageType.AUTH);
  encoding.writeVarUint(enc, AuthSubType.PERMISSION_DENIED);
  encoding.writeVarString(enc, 'read-only');
});

export function awarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return frame((enc) => {
    encoding.writeVarUint(enc, MessageType.AWARENESS);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}
