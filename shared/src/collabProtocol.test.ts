import { describe, expect, it } from 'vitest';
import {
  COLLAB_MAX_AWARENESS_BYTES,
  COLLAB_MAX_CONNECTIONS_PER_DOC,
  COLLAB_MAX_DOC_BYTES,
  COLLAB_MAX_MESSAGE_BYTES,
  COLLAB_SEND_BACKLOG_BYTES,
  COLLAB_UPDATE_BYTE_RATE,
  collabBacklogNeeded,
} from './collabProtocol.js';

describe('collab protocol limits', () => {
  it('let the server send a full doc, every awareness state and the others’ bursts to a late joiner at once', () => {
    const needed = collabBacklogNeeded({
      maxDocBytes: COLLAB_MAX_DOC_BYTES,
      maxAwarenessBytes: COLLAB_MAX_AWARENESS_BYTES,
      maxConnections: COLLAB_MAX_CONNECTIONS_PER_DOC,
      updateByteBurst: COLLAB_UPDATE_BYTE_RATE.burst,
    });
    expect(needed).toBeLessThan(COLLAB_SEND_BACKLOG_BYTES);
  });

  it('allow one message of the largest size within a connection’s byte burst, and far below the old 4 MB cap', () => {
    expect(COLLAB_MAX_MESSAGE_BYTES).toBeLessThanOrEqual(COLLAB_UPDATE_BYTE_RATE.burst);
    expect(COLLAB_MAX_MESSAGE_BYTES).toBeLessThanOrEqual(256 * 1024);
  });
});
