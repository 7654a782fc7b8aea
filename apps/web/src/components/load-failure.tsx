import { messageOf } from './error-summary';

export function LoadFailure({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  return (
    <div className="notice notice--problem" role="alert">
      <p>
        We could not load {what}. {messageOf(error)}
      </p>
      <button type="button" className="button button--secondary" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
