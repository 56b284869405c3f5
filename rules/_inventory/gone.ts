// SageMaker's ways of saying a resource is gone, for every call that names one resource.

/**
 * ResourceNotFound, or a ValidationException ("Could not find ...", "RecordNotFound" for
 * notebooks; Describe on a deleted endpoint). The inventory adapters, their tag reads and the
 * command's direct adapters all ask this.
 */
export function isGone(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return (
    e?.name === 'ResourceNotFound' ||
    (e?.name === 'ValidationException' &&
      /could not find|does not exist|not found|RecordNotFound/i.test(e.message ?? ''))
  );
}
