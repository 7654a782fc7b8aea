/** A Graph list answer: its rows and, while there are more, `paging.next` with the `after` cursor to them. */
export interface GraphList {
  data?: Array<Record<string, unknown>>;
  paging?: { next?: string; cursors?: { after?: string } };
}

/** The cursor to the next page, or undefined on the last page (Graph leaves `paging.next` out there). */
export function nextCursor(list: GraphList): string | undefined {
  return list.paging?.next ? list.paging.cursors?.after : undefined;
}
