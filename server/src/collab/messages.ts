/** Pre-encoded frames of the y-websocket wire (types and our AUTH extension live in shared/collabProtocol.ts). */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CollabAuthSubType, CollabMessageType } from '@tandem/shared';

export { CollabMessageType as MessageType, CollabAuthSubType as AuthSubType } from '@tandem/shared';

export function frame(write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  write(enc);
  return encoding.toUint8Array(enc);
}

/** Largest stored state pushed to a joiner of a cold doc before it asks. */
export const COLD_PUSH_MAX_BYTES = 1024 * 1024;

export const STORED = frame((enc) => {
  encoding.writeVarUint(enc, CollabMessageType.AUTH);
  encoding.writeVarUint(enc, CollabAuthSubType.STORED);
});
export const DENIED = frame((enc) => {
  encoding.writeVarUint(enc, CollabMessageType.AUTH);
  encoding.writeVarUint(enc, CollabAuthSubType.PERMISSION_DENIED);
  encoding.writeVarString(enc, 'read-only');
});

export function awarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return frame((enc) => {
    encoding.writeVarUint(enc, CollabMessageType.AWARENESS);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}
