/** Verifies a drawing off the main thread, so the page stays responsive on big drawings. */
import { verifyText, type VerifyRequest } from './verifyText';

// The project is typed with the DOM library (Window's postMessage wants a target origin);
// a dedicated worker's scope has just these two members that matter here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = async (event) => {
  try {
    scope.postMessage({ result: await verifyText(event.data) });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
