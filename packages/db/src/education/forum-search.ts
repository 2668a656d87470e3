/**
 * Chinese full-text search of the forum (书记话党建) that works the same on PGlite and PostgreSQL: text is cut
 * into words by the ICU dictionary segmenter built into Node (`Intl.Segmenter('zh', { granularity: 'word' })`,
 * no dependency), and stored as space-separated tokens; a query is cut the same way and every token must be one
 * of the post's. ICU cuts some two-character terms (党建) into single characters, so a run of single-character
 * words also yields its bigrams, in the text and in the query; the measurement behind this choice is in
 * docs/architecture.md ("Forum search").
 */

const segmenter = new Intl.Segmenter("zh", { granularity: "word" })
const cjk = /^\p{Script=Han}$/u

const words = (text: string): string[] =>
  [...segmenter.segment(text.normalize("NFKC").toLowerCase())]
    .filter((s) => s.isWordLike)
    .map((s) => s.segment)

/** Bigrams of each run of single Han characters (`话/党/建` → `话党`, `党建`). */
const bigramsOfRuns = (ws: readonly string[]): string[] => {
  const out: string[] = []
  let run: string[] = []
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) out.push(`${run[i]}${run[i + 1]}`)
    run = []
  }
  for (const w of ws) {
    if (cjk.test(w)) run.push(w)
    else flush()
  }
  flush()
  return out
}

/** The tokens stored for a text: its words and the bigrams of its single-character runs, each once. */
export const searchTokens = (text: string): string => {
  const ws = words(text)
  return [...new Set([...ws, ...bigramsOfRuns(ws)])].join(" ")
}

/**
 * The tokens a query asks for, each required: its words, except that a run of two or more single characters is
 * asked for as its bigrams (`党建` → `党建`), so the query means what it says.
 */
export const queryTokens = (query: string): readonly string[] => {
  const ws = words(query)
  const out: string[] = []
  let run: string[] = []
  const flush = () => {
    if (run.length === 1) out.push(run[0] as string)
    for (let i = 0; i + 1 < run.length; i++) out.push(`${run[i]}${run[i + 1]}`)
    run = []
  }
  for (const w of ws) {
    if (cjk.test(w)) run.push(w)
    else {
      flush()
      out.push(w)
    }
  }
  flush()
  return [...new Set(out)].slice(0, 16)
}
