// Keyset paging on (created_at, id): the rows after a page's last row, without OFFSET, so a page
// continues exactly where the previous one stopped even as rows are added. One predicate for every
// listing; the id column is named per table.
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { PageCursor } from '../services/page-token.js';

type AnyBuilder = ExpressionBuilder<any, any>;

/** Newest first: rows older than the cursor, ties broken by a smaller id. */
export function olderThan(after: PageCursor, idColumn = 'id'): (eb: AnyBuilder) => ExpressionWrapper<any, any, SqlBool> {
  return (eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb(idColumn, '<', after.id)])]);
}

/** Oldest first: rows newer than the cursor, ties broken by a larger id. */
export function newerThan(after: PageCursor, idColumn = 'id'): (eb: AnyBuilder) => ExpressionWrapper<any, any, SqlBool> {
  return (eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb(idColumn, '>', after.id)])]);
}
