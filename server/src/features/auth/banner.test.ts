import { afterEach, describe, expect, it, vi } from 'vitest';
import { Browser, TEST_SETUP_TOKEN, jointSessionScenario } from '../../test/harness.js';
import { spawnServer, type ServerProcess } from '../../test/process.js';

describe('the start banner', () => {
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await proc?.dispose();
    proc = undefined;
  });

  it('prints the setup link with its one-time code at first start, and the plain address once set up', async () => {
    proc = await spawnServer('sqlite');
    const server = proc;
    await vi.waitFor(() => expect(server.output()).toContain(`/setup?token=${TEST_SETUP_TOKEN}`), { timeout: 5000 });
    const link = /https?:\/\/\S+\/setup\?token=(\S+)/.exec(server.output());
    expect(link?.[1]).toBe(TEST_SETUP_TOKEN);

    await jointSessionScenario(server);
    await server.kill('SIGTERM');
    const before = server.output().length;
    await server.start();
    await vi.waitFor(() => expect(server.output().slice(before)).toContain('Tandem is running: open'), {
      timeout: 5000,
    });
    expect(server.output().slice(before)).not.toContain('/setup?token=');
    expect((await new Browser(server.url).ok<{ needsSetup: boolean }>('GET', '/api/setup')).needsSetup).toBe(false);
  }, 90_000);
});
