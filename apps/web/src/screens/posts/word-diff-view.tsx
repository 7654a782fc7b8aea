import { wordDiff } from './word-diff';

/** A change shown as a difference: removed words struck through and added words underlined, also said in words. */
export function WordDiffView({ before, after }: { before: string; after: string }) {
  return (
    <p className="diff">
      {wordDiff(before, after).map((piece, i) =>
        piece.kind === 'same' ? (
          <span key={i}>{piece.text}</span>
        ) : piece.kind === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
            {piece.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {piece.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}
