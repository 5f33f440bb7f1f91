import { describe, expect, it } from 'vitest';
import { CloseCode } from '@tandem/shared';
import { limitOf, shouldReconnect } from './collab';

describe('collab refusals', () => {
  it('names a size or quota refusal and does not reconnect after it', () => {
    for (const code of [CloseCode.MESSAGE_TOO_LARGE, 1009]) {
      expect(limitOf(code)).toBe('tooLarge');
      expect(shouldReconnect({ code })).toBe(false);
    }
    expect(limitOf(CloseCode.DOC_QUOTA)).toBe('docFull');
    expect(shouldReconnect({ code: CloseCode.DOC_QUOTA })).toBe(false);
    expect(shouldReconnect({ code: CloseCode.PROTOCOL_MISMATCH })).toBe(false);
  });

  it('reconnects after a rate limit, a full doc of connections, a server error or a dropped network', () => {
    for (const code of [CloseCode.RATE_LIMITED, CloseCode.TOO_MANY_CONNECTIONS, CloseCode.INTERNAL, 1006]) {
      expect(shouldReconnect({ code })).toBe(true);
      expect(limitOf(code)).toBeNull();
    }
  });
});
