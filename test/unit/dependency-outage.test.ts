// Which failures are a dependency outage (503 + Retry-After, a retry that spends no attempt) and which
// are bugs or bad input (500 / 4xx, counted retries), by the fields the drivers really set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConnectionFailure, serviceUnavailable } from '../../src/domain/dependency-outage.js';
import { OratorError } from '../../src/domain/errors.js';
import { isTransientS3Error, withS3Retry } from '../../src/storage/s3-retry.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

test('database and network outages are recognised', () => {
  const outages: unknown[] = [
    coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    coded('read ECONNRESET', 'ECONNRESET'),
    coded('terminating connection due to administrator command', '57P01'),
    coded('the database system is starting up', '57P03'),
    coded('sorry, too many clients already', '53300'),
    coded('canceling statement due to statement timeout', '57014'),
    coded('connection failure', '08006'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    coded('database is locked', 'SQLITE_BUSY'),
    // Node's happy eyeballs: one error per address tried.
    Object.assign(new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {}),
    new Error('query failed', { cause: coded('read ECONNRESET', 'ECONNRESET') }),
    serviceUnavailable(new Error('S3 503')),
  ];
  for (const e of outages) assert.equal(isConnectionFailure(e), true, String(e));
});

test('bugs, bad input and other typed errors are not outages', () => {
  const others: unknown[] = [
    coded('duplicate key value violates unique constraint', '23505'),
    coded('relation "jobs" does not exist', '42P01'),
    coded('SQLITE_CONSTRAINT: UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'),
    new TypeError("Cannot read properties of undefined (reading 'x')"),
    new OratorError('download_failed', 'Failed to download http://x/: connect ECONNREFUSED', { cause: coded('x', 'ECONNREFUSED') }),
    'ECONNREFUSED',
    undefined,
  ];
  for (const e of others) assert.equal(isConnectionFailure(e), false, String(e));
});

test('serviceUnavailable is a transient 503 that says when to retry', () => {
  const e = serviceUnavailable(new Error('x'), 7);
  assert.equal(e.spec.httpStatus, 503);
  assert.equal(e.spec.v3Code, 'service_unavailable');
  assert.equal(e.transient, true);
  assert.equal(e.retryAfterSec, 7);
  assert.equal(e.message, 'The service is temporarily unavailable; retry after 7 seconds');
});

const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

test('S3 503/5xx/throttling and dropped connections are retried; 4xx are not', () => {
  assert.equal(isTransientS3Error(s3Error('ServiceUnavailable', 503)), true);
  assert.equal(isTransientS3Error(s3Error('SlowDown', 503)), true);
  assert.equal(isTransientS3Error(s3Error('InternalError', 500)), true);
  assert.equal(isTransientS3Error(coded('socket hang up', 'ECONNRESET')), true);
  assert.equal(isTransientS3Error(s3Error('NoSuchBucket', 404)), false);
  assert.equal(isTransientS3Error(s3Error('AccessDenied', 403)), false);
});

test('withS3Retry builds each try afresh, backs off, and succeeds once S3 answers', async () => {
  const pauses: number[] = [];
  let tries = 0;
  const result = await withS3Retry(
    async () => {
      tries += 1;
      if (tries < 4) throw s3Error('ServiceUnavailable', 503);
      return 'stored';
    },
    { budgetMs: 10_000, baseDelayMs: 100, maxDelayMs: 250 },
    async (ms) => {
      pauses.push(ms);
    },
  );
  assert.equal(result, 'stored');
  assert.equal(tries, 4);
  assert.deepEqual(pauses, [100, 200, 250]);
});

test('withS3Retry gives up after its budget as a transient service_unavailable; a 4xx fails at once', async () => {
  let tries = 0;
  await assert.rejects(
    withS3Retry(
      async () => {
        tries += 1;
        throw s3Error('SlowDown', 503);
      },
      { budgetMs: 60, baseDelayMs: 10, maxDelayMs: 20 },
    ),
    (err: unknown) => err instanceof OratorError && err.kind === 'service_unavailable' && err.transient && err.retryAfterSec === 5,
  );
  assert.ok(tries >= 2 && tries <= 6, `tried ${tries} times`);
  let once = 0;
  await assert.rejects(
    withS3Retry(async () => {
      once += 1;
      throw s3Error('NoSuchBucket', 404);
    }),
    /NoSuchBucket/,
  );
  assert.equal(once, 1);
});
