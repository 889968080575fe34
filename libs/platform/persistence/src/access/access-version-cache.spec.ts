import type { ChannelHandlers, ChannelListener } from '@steerco/platform-messaging';
import type { AccessUser } from './access-directory';
import { AccessVersionCache } from './access-version-cache';

/** A listener under the test's control: it says when LISTEN is in place, notifies, drops. */
class FakeListener implements ChannelListener {
  private listening?: Required<ChannelHandlers>;

  get handlers(): Required<ChannelHandlers> {
    if (!this.listening) throw new Error('nobody listens');
    return this.listening;
  }

  stopped = false;
  async listen(handlers: ChannelHandlers) {
    this.listening = { onListening: () => undefined, onLost: () => undefined, ...handlers };
    this.listening.onListening();
    return async () => {
      this.stopped = true;
    };
  }
}

const user = (id: string, version: string, status = 'active'): AccessUser => ({
  id,
  status,
  platformAdmin: false,
  version,
});

/** A projection in memory, counting reads. */
function projection(...users: AccessUser[]) {
  const rows = new Map(users.map((u) => [u.id, u]));
  const load = jest.fn(async (id: string) => rows.get(id));
  return { rows, load };
}

describe('AccessVersionCache', () => {
  let listener: FakeListener;
  let cache: AccessVersionCache;

  beforeEach(async () => {
    listener = new FakeListener();
    cache = new AccessVersionCache({ maxEntries: 3 });
    await cache.start(listener);
  });

  it('reads a user once while listening, and again after any notification', async () => {
    const { rows, load } = projection(user('u1', '1.1'));
    expect(await cache.user('u1', load)).toEqual(user('u1', '1.1'));
    expect(await cache.user('u1', load)).toEqual(user('u1', '1.1'));
    expect(load).toHaveBeenCalledTimes(1);
    rows.set('u1', user('u1', '2.1', 'disabled'));
    listener.handlers.onNotify();
    expect(await cache.user('u1', load)).toEqual(user('u1', '2.1', 'disabled'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('remembers neither unknown nor inactive users', async () => {
    const { load } = projection(user('u2', '1.1', 'disabled'));
    await cache.user('u2', load);
    await cache.user('u2', load);
    await cache.user('nobody', load);
    await cache.user('nobody', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('trusts nothing while the connection is lost, and starts afresh once listening again', async () => {
    const { rows, load } = projection(user('u1', '1.1'));
    await cache.user('u1', load);
    listener.handlers.onLost();
    rows.set('u1', user('u1', '2.1'));
    expect(await cache.user('u1', load)).toEqual(user('u1', '2.1'));
    expect(await cache.user('u1', load)).toEqual(user('u1', '2.1'));
    expect(load).toHaveBeenCalledTimes(3);
    listener.handlers.onListening();
    await cache.user('u1', load);
    await cache.user('u1', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('does not keep what a read started before a change returned after it', async () => {
    let finish!: (u: AccessUser) => void;
    const slow = jest.fn(() => new Promise<AccessUser | undefined>((resolve) => (finish = resolve)));
    const pending = cache.user('u1', slow);
    cache.forget(); // the change lands while the read is on its way
    finish(user('u1', '1.1'));
    expect(await pending).toEqual(user('u1', '1.1'));
    const { load } = projection(user('u1', '2.1'));
    expect(await cache.user('u1', load)).toEqual(user('u1', '2.1'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxEntries users, dropping the oldest', async () => {
    const { load } = projection(...['a', 'b', 'c', 'd'].map((id) => user(id, '1.1')));
    for (const id of ['a', 'b', 'c', 'd']) await cache.user(id, load);
    load.mockClear();
    await cache.user('d', load);
    await cache.user('b', load);
    expect(load).not.toHaveBeenCalled();
    await cache.user('a', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stops listening and trusting on stop', async () => {
    const { load } = projection(user('u1', '1.1'));
    await cache.stop();
    expect(listener.stopped).toBe(true);
    await cache.user('u1', load);
    await cache.user('u1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
