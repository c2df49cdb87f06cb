// Kysely's SQLite driver calls `prepare(sql)` for every query; compiling the same SQL text again costs
// more than running it on hot paths such as the status poll. Statements are reusable in better-sqlite3,
// so hand Kysely a database whose `prepare` remembers them. The cache is bounded because SQL text
// differs with the number of `IN (…)` values and similar.
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

const MAX_CACHED_STATEMENTS = 500;

export function withCachedStatements(database: SqliteDatabase): SqliteDatabase {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = database.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
