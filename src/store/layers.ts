// How a store holds a document's coded layers: JSON text, or that JSON compressed into a tagged
// binary value. The SQLite store writes the binary form: about a quarter of the bytes, so each
// document's write (table pages, WAL frames, checkpoint copies) costs the storing thread far
// less than several KB of JSON, for a few hundredths of a ms of compression in the coding
// thread (Brotli at quality 0, its fastest: half the CPU of DEFLATE level 1 on these documents
// for 7% more bytes). Either form reads back as the same object (`decodeLayers`), so rows
// written as JSON text by earlier versions stay readable as they are.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export type LayersEncoding = 'json' | 'compressed';

/** First byte of a binary layers value: the format of what follows (Brotli of UTF-8 JSON). */
const BROTLI_JSON = 1;

/** Stored layers: JSON text, or a binary value from `encodeLayers`. */
export type EncodedLayers = string | Uint8Array;

/** The binary form of layers given as JSON text. */
export function encodeLayers(json: string): Uint8Array {
  const body = brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  });
  // a copy in an ArrayBuffer of its own: a message to another thread carries only these bytes
  const out = new Uint8Array(body.length + 1);
  out[0] = BROTLI_JSON;
  out.set(body, 1);
  return out;
}

/** Layers in the given encoding, from either form. */
export function layersAs(layers: EncodedLayers, encoding: LayersEncoding): EncodedLayers {
  if (encoding === 'compressed') return typeof layers === 'string' ? encodeLayers(layers) : layers;
  return typeof layers === 'string' ? layers : layersJson(layers);
}

/** The JSON text of stored layers in either form. */
export function layersJson(layers: EncodedLayers): string {
  if (typeof layers === 'string') return layers;
  if (layers[0] !== BROTLI_JSON) throw new Error(`unknown layers format ${layers[0]}`);
  return brotliDecompressSync(layers.subarray(1)).toString('utf8');
}

/** The layers object of a stored value in either form. */
export function decodeLayers<T>(layers: EncodedLayers): T {
  return JSON.parse(layersJson(layers)) as T;
}
