export interface DiffPiece {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** The words of `after` against `before` (longest common subsequence over words). */
export function wordDiff(before: string, after: string): DiffPiece[] {
  // Each word keeps the spaces after it, so neighbouring changed words read as one change.
  const a = before.split(/(?<=\s)(?=\S)/).filter(Boolean);
  const b = after.split(/(?<=\s)(?=\S)/).filter(Boolean);
  const table: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const pieces: DiffPiece[] = [];
  const push = (kind: DiffPiece['kind'], text: string) => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) push('removed', a[i++]);
    else push('added', b[j++]);
  }
  while (i < a.length) push('removed', a[i++]);
  while (j < b.length) push('added', b[j++]);
  return pieces;
}
