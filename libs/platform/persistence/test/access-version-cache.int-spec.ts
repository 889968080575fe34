import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { pgChannelListener, pgSqlClient } from '@steerco/platform-messaging';
import { dropSchema, testDatabaseUrl, testLogger, uniqueSchema, waitFor } from '@steerco/platform-testing';
import { AccessDirectory } from '../src/access/access-directory';
import {
  accessChangeChannel,
  accessChangeNotifySql,
  accessProjectionSql,
} from '../src/access/access-projection.sql';
import { AccessVersionCache } from '../src/access/access-version-cache';

/**
 * The access version cache on the real database: the projection's triggers notify, the listener forgets,
 * and a dropped listener connection makes the cache read through until LISTEN is back.
 */
describe('AccessVersionCache on PostgreSQL', () => {
  const schema = uniqueSchema('access_cache');
  const applicationName = `steerco-test-access-${schema}`.slice(0, 60);
  let url: string;
  let admin: Client;
  let pool: Pool;
  let directory: AccessDirectory;
  let cache: AccessVersionCache;
  let reads = 0;
  const load = (id: string) => {
    reads += 1;
    return directory.user(id);
  };

  beforeAll(async () => {
    url = await testDatabaseUrl();
    admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    for (const statement of [...accessProjectionSql(schema), ...accessChangeNotifySql(schema)]) {
      await admin.query(statement);
    }
    pool = new Pool({ connectionString: url, max: 2 });
    directory = new AccessDirectory(pgSqlClient(pool), schema);
    cache = new AccessVersionCache();
    await cache.start(pgChannelListener(url, accessChangeChannel(schema), applicationName, testLogger()));
  });
  afterAll(async () => {
    await cache.stop();
    await pool.end();
    await admin.end();
    await dropSchema(url, schema);
  });

  const addUser = async () => {
    const id = randomUUID();
    await admin.query(`insert into "${schema}".access_user (id, status) values ($1, 'active')`, [id]);
    return id;
  };

  /** Reads until the cache answers from memory again (the notification of the setup has been handled). */
  const settle = async (id: string) => {
    await waitFor(async () => {
      const before = reads;
      await cache.user(id, load);
      return reads === before;
    }, 'the cache never answered from memory');
  };

  it('answers from memory until a user change commits, then reads the new version', async () => {
    const id = await addUser();
    await settle(id);
    const before = reads;
    const remembered = await cache.user(id, load);
    expect(reads).toBe(before);
    await admin.query(
      `update "${schema}".access_user set version = version + 1, status = 'disabled' where id = $1`,
      [id],
    );
    await waitFor(
      async () => (await cache.user(id, load))?.status === 'disabled',
      'the disabling never showed',
    );
    expect((await cache.user(id, load))?.version).not.toBe(remembered?.version);
  });

  it('reads everyone again after the access epoch moves', async () => {
    const id = await addUser();
    await settle(id);
    const version = (await cache.user(id, load))?.version;
    expect(version).toBeDefined();
    await admin.query(`update "${schema}".access_epoch set epoch = epoch + 1`);
    await waitFor(
      async () => (await cache.user(id, load))?.version !== version,
      'the new epoch never showed',
    );
  });

  it('sends nothing for a change rolled back', async () => {
    const id = await addUser();
    await settle(id);
    await admin.query('begin');
    await admin.query(`update "${schema}".access_user set status = 'disabled' where id = $1`, [id]);
    await admin.query('rollback');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = reads;
    expect((await cache.user(id, load))?.status).toBe('active');
    expect(reads).toBe(before);
  });

  it('reads through while its connection is down, and answers from memory once it listens again', async () => {
    const id = await addUser();
    await settle(id);
    const { rows } = await admin.query(
      `select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1`,
      [applicationName],
    );
    expect(rows).toEqual([{ done: true }]);
    // While the listener is away, a change must not be missed: every read goes to the database.
    await waitFor(async () => {
      const before = reads;
      await cache.user(id, load);
      return reads > before;
    }, 'the cache kept answering from memory without its listener');
    await admin.query(`update "${schema}".access_user set status = 'disabled' where id = $1`, [id]);
    expect((await cache.user(id, load))?.status).toBe('disabled');
    await admin.query(`update "${schema}".access_user set status = 'active' where id = $1`, [id]);
    await settle(id);
    expect((await cache.user(id, load))?.status).toBe('active');
  });
});
