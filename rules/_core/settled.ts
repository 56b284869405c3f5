// A promise started early and awaited later: its outcome kept as a value, so that a failure before
// anyone awaits it is never an unhandled rejection; `unwrap` throws it where it is awaited.
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

export const unwrap = async <T>(settled: Promise<Settled<T>>): Promise<T> => {
  const outcome = await settled;
  if (outcome.ok) return outcome.value;
  throw outcome.error;
};
