/**
 * Reading a JSON write body safely: the content type must be JSON (415), the body at most
 * LIMITS.bodyBytesMax bytes by Content-Length and by the bytes actually received (413), valid UTF-8
 * and valid JSON (400). Reading stops as soon as the limit is passed, or when the body has not all come
 * within BODY_DEADLINE_MS (408).
 */
import { LIMITS } from '../../shared/domain/idea';

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 408 | 413 | 415; slug: string; title: string };

/**
 * How long a write's body may take to arrive. A request holds one of the server's in-flight places while its body
 * comes (./overload.ts), and Node waits 300 s for it: a client trickling a byte every few seconds on a few hundred
 * sockets kept every other user's requests at 503. 64 KiB in 20 s is 3.2 KB/s; a client answered 408 tries again.
 */
export const BODY_DEADLINE_MS = 20_000;

/**
 * True for exactly `application/json`, with optional parameters (charset): what a write must carry.
 * Stricter than the client's `isJsonContentType` (shared/api/problem.ts), which also reads `+json` answers.
 */
function isJsonRequestType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Headers for a refused body: after a 408 the connection closes, or Node would go on reading the trickled rest of
 * the body on that socket (up to its own 300 s).
 */
export function bodyRefusalHeaders(status: number): Record<string, string> {
  return status === 408 ? { Connection: 'close' } : {};
}

/** Reads and parses the request's JSON body within the size limit and the deadline. */
export async function readJsonBody(request: Request, maxBytes: number = LIMITS.bodyBytesMax, deadlineMs = BODY_DEADLINE_MS): Promise<BodyResult> {
  if (!isJsonRequestType(request.headers.get('Content-Type') ?? undefined)) {
    return { ok: false, status: 415, slug: 'unsupported-media-type', title: 'The body must be application/json.' };
  }
  const tooLarge = { ok: false, status: 413, slug: 'body-too-large', title: `The body must be at most ${maxBytes} bytes.` } as const;
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    for (;;) {
      const chunk = await Promise.race([reader.read(), late]).catch((error: unknown) => {
        clearTimeout(timer);
        throw error;
      });
      if (chunk === 'late') {
        await reader.cancel().catch(() => undefined);
        return { ok: false, status: 408, slug: 'body-timeout', title: `The body did not arrive within ${deadlineMs / 1000} s.` };
      }
      const { done, value } = chunk;
      if (done) {
        clearTimeout(timer);
        break;
      }
      total += value.byteLength;
      if (total > maxBytes) {
        clearTimeout(timer);
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, slug: 'malformed-body', title: 'The body is not valid UTF-8.' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, slug: 'malformed-body', title: 'The body is not valid JSON.' };
  }
}
