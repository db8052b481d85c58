// Group commit for the worker's bookkeeping: many lanes each ask for one row update ("renew my
// claim", "mark it sent"); instead of one statement each, the calls that arrive while a statement
// is running are written together by the next one. No call waits for a timer — the first one runs
// on the next turn of the event loop, the rest wait at most for the statement in flight — so a delivered mail is recorded as
// soon as it would have been alone, while under load the worker writes one row update per many mails.

/**
 * Wraps `run` (which handles many items in one go and answers per item, in order) so that it can be
 * called with one item at a time. Calls made while `run` is busy are queued and handed to the next
 * `run` together; a failed `run` rejects exactly the calls it was given.
 */
export function groupCalls<T, R>(run: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    while (queue.length > 0) {
      const calls = queue;
      queue = [];
      try {
        const results = await run(calls.map((c) => c.item));
        calls.forEach((call, i) => call.resolve(results[i] as R));
      } catch (error) {
        for (const call of calls) call.reject(error);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Started on the next turn of the event loop, so that calls made in this turn (answers that
      // arrived together) go in together.
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    });
}
