// The draw's random stream, written out so that anyone can re-run a published draw in any language:
// FNV-1a (32-bit) over the UTF-8 bytes of a text, then murmur3's 32-bit finalizer as the mixing step.

/** The UTF-8 bytes of `text` (written out: the package assumes no platform encoder). */
const utf8 = (text: string): number[] => {
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

/** FNV-1a, 32 bits, of the UTF-8 bytes of `text`. */
export const fnv1a32 = (text: string): number => {
  let h = 0x811c9dc5
  for (const byte of utf8(text)) {
    h ^= byte
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** murmur3's fmix32: spreads every input bit over the output. */
export const fmix32 = (x: number): number => {
  let h = x >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Word `k` (k = 0, 1, 2, …) of the stream named by `key`: fmix32(fnv1a32(key) XOR fmix32(k + 1)). A counter
 * stream, so a word can be recomputed alone.
 */
export const word = (keyHash: number, k: number): number => fmix32((keyHash ^ fmix32(k + 1)) >>> 0)

/**
 * A uniform integer in [0, n) drawn from the stream at `counter.k` onward, by rejection: words at or above the
 * largest multiple of n below 2^32 are skipped, so every residue is equally likely.
 */
export const uniformBelow = (keyHash: number, counter: { k: number }, n: number): number => {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  for (;;) {
    const w = word(keyHash, counter.k++)
    if (w < limit) return w % n
  }
}
