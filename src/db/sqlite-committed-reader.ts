// A second, read-only SQLite connection for the hottest lookup (the status poll). Going through
// Kysely's executor costs several times the query itself, and reading on the writer's connection
// directly could observe a transaction that is still open there (better-sqlite3 is synchronous, but a
// Kysely transaction spans awaits). A separate connection in WAL mode sees only committed data.
import SqliteDatabase, { type Statement } from 'better-sqlite3';

export interface CommittedReader {
  /** First row of `sql` with `params`, reading committed data only. */
  getOne<Row>(sql: string, params: readonly unknown[]): Row | undefined;
  close(): void;
}

export function openSqliteCommittedReader(file: string): CommittedReader {
  const connection = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  const statements = new Map<string, Statement>();
  return {
    getOne<Row>(sql: string, params: readonly unknown[]): Row | undefined {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.get(...params) as Row | undefined;
    },
    close: () => connection.close(),
  };
}
