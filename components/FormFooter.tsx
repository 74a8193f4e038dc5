/** The end of an add/edit form: the refusal (if any), the submit button (busy while saving) and Cancel. */
export function FormFooter({
  error,
  pending,
  submitLabel,
  onCancel,
  className,
}: {
  /** Why the last attempt was refused. */
  error?: string | null;
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
  /** The row holding the buttons. */
  className?: string;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="alert alert-error">
          Not saved: {error}
        </p>
      ) : null}
      <div className={className}>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
