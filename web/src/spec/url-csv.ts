// The user's own table in a link: csv=<base64url of the CSV text, deflate-compressed>, with
// csvt=<target column indices> and csvn=<file name>. Tables up to kMaxCsvLinkChars compressed
// characters travel; Share says so before copying when one is larger. Decompression stops at
// kMaxCsvBytes, so a hostile link cannot blow up the page's memory.
import { fromBase64Url, toBase64Url } from './url-points';

export const kMaxCsvLinkChars = 24000; // of the 32768 a link may hold
export const kMaxCsvBytes = 4 * 1024 * 1024;

export interface SharedCsv {
  payload: string; // base64url(deflate-raw(CSV text))
  targets: number[]; // target column indices
  name: string;
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  cap: number,
) {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(stream)
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function compressCsv(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const packed = await pipe(bytes, new CompressionStream('deflate-raw'), Infinity);
  return toBase64Url(packed!);
}

// The CSV text, or null when the payload is not base64url deflate data or unpacks past the cap.
export async function decompressCsv(payload: string): Promise<string | null> {
  if (payload.length > kMaxCsvLinkChars * 2) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  try {
    const out = await pipe(bytes, new DecompressionStream('deflate-raw'), kMaxCsvBytes);
    return out ? new TextDecoder('utf-8', { fatal: true }).decode(out) : null;
  } catch {
    return null;
  }
}
