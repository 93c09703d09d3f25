import { ApiError } from '../api/client';

/** A failed load, said plainly, with the server's code and a way to try again. */
export function ErrorBox({ error, title = 'Something went wrong', onRetry }: { error: Error; title?: string; onRetry?: () => void }) {
  const code = error instanceof ApiError ? error.code : null;
  const status = error instanceof ApiError && error.status > 0 ? error.status : null;
  return (
    <div class="error-box" role="alert" data-testid="error-box">
      <div class="error-box__title">{title}</div>
      <div class="error-box__message">{error.message}</div>
      {(code || status) && (
        <div class="error-box__code">
          {status !== null && <span>HTTP {status}</span>}
          {code && <code>{code}</code>}
        </div>
      )}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry} data-testid="retry">
          Try again
        </button>
      )}
    </div>
  );
}
