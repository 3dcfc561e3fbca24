/**
 * Runs a verification in a Web Worker (one per run, ended with it). Where the platform has no
 * workers (jsdom in the tests) the same code runs on the page.
 */
import type { VerifyRequest, VerifyResult } from './verifyText';

type Reply = { result: VerifyResult } | { error: string };

export async function verifyInBackground(request: VerifyRequest): Promise<VerifyResult> {
  if (typeof Worker === 'undefined') {
    const { verifyText } = await import('./verifyText');
    return verifyText(request);
  }
  const worker = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module', name: 'verify-draw' });
  try {
    return await new Promise<VerifyResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<Reply>) => {
        const reply = event.data;
        if ('result' in reply) resolve(reply.result);
        else reject(new Error(`The verifier stopped: ${reply.error}`));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`The verifier could not run: ${event.message || 'the worker failed to start'}`));
      };
      worker.postMessage(request, request.pages ?? []);
    });
  } finally {
    worker.terminate();
  }
}
