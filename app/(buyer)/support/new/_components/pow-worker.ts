// The proof of work off the main thread: the form stays responsive (and Lighthouse's "total
// blocking time" stays near zero) however long the search takes on a slow phone.
import { solvePow, type TPowPuzzle } from "./solve-pow";

export type TPowWorkerMessage = { type: "progress"; fraction: number } | { type: "done"; number: number | null };

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<TPowPuzzle>) => void) | null;
  postMessage: (message: TPowWorkerMessage) => void;
};

scope.onmessage = (event) => {
  void solvePow(event.data, (fraction) => scope.postMessage({ type: "progress", fraction })).then(
    (number) => scope.postMessage({ type: "done", number }),
    () => scope.postMessage({ type: "done", number: null }),
  );
};
