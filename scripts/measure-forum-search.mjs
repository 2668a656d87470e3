// Run: in a scratch folder `npm i jieba-wasm@2.4 @node-rs/jieba@2.0`, copy this file there and run
// `node measure-forum-search.mjs <path to @electric-sql/pglite/dist/index.js>` (docs/architecture.md, "Forum search").
// Not part of the build or the tests: the two jieba packages are not dependencies of the project.
// Measures Chinese word search for the forum: Node's Intl.Segmenter (ICU), jieba-wasm, @node-rs/jieba, PostgreSQL's
// own to_tsvector('simple') and a plain substring match, on the same posts and queries.
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)
const pgliteDir = process.argv[2]
const { PGlite } = await import(pgliteDir)
const jiebaWasm = require("jieba-wasm")
const { Jieba } = require("@node-rs/jieba")
const { dict } = require("@node-rs/jieba/dict")
const nodeJieba = Jieba.withDict(dict)

const posts = [
  "村党组织带头人培养的几点体会：我们支部坚持把乡村振兴和党建引领结合起来，把致富能手培养成党员。",
  "“第一议题”学习如何避免照本宣科？我们尝试每次由一名支委领学，再结合本社区实际谈体会。",
  "老党员送学上门的做法：对年老体弱、行动不便的老党员，我们每月上门送学一次。",
  "社区网格党建：把楼栋长和党员中心户结合起来，形成了红色网格，居民有事找网格员。",
  "楼道党小组推行楼道议事会，党员带头协调老旧小区加装电梯，群众满意度明显提升。",
  "机关支部开展主题党日活动，组织党员到红色教育基地参观学习，重温入党誓词。",
  "两新组织党建难点在于党员流动性大，我们建立了流动党员联系卡，定期联系。",
  "发展党员工作要严把入口关，政治审查必须到位，培养考察不少于一年。",
  "党费收缴要按月足额，支部委员会每季度公布一次党费收缴情况，接受党员监督。",
  "学习强国平台上的网络学习只能作为补充，集中学习培训仍是主要形式，学时要登记准确。",
  "农村电商带头人中的党员发挥了示范作用，带动村民增收致富。",
  "组织生活会前要开展谈心谈话，广泛征求意见，会上认真开展批评和自我批评。",
]
// Queries with the posts a reader means (by hand).
const queries = [
  ["党建", [0, 3, 6]],
  ["乡村振兴", [0]],
  ["网格", [3]],
  ["加装电梯", [4]],
  ["送学", [2]],
  ["党员联系", [6]],
  ["党费", [8]],
  ["网络学习", [9]],
  ["谈心谈话", [11]],
  ["党建经验", []],
  ["老党员", [2]],
  ["学时", [9]],
  ["带头人", [0, 10]],
  ["红色教育", [5]],
  ["政治审查", [7]],
  ["电梯 小区", [4]],
]
const han = /^\p{Script=Han}$/u
const icu = new Intl.Segmenter("zh", { granularity: "word" })
const cutters = {
  "Intl.Segmenter (ICU)": (t) =>
    (t.match(/[^\s。，、；：？！,.;:?!“”"'（）()]{1,200}/gu) ?? []).flatMap((c) =>
      [...icu.segment(c)].filter((s) => s.isWordLike).map((s) => s.segment),
    ),
  "jieba-wasm 2.4 (cut_for_search)": (t) =>
    jiebaWasm.cut_for_search(t, true).filter((w) => /[\p{L}\p{N}]/u.test(w)),
  "@node-rs/jieba 2.0 (cutForSearch)": (t) =>
    nodeJieba.cutForSearch(t, true).filter((w) => /[\p{L}\p{N}]/u.test(w)),
}
const bigrams = (ws) => {
  const out = []
  let run = []
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1])
    run = []
  }
  for (const w of ws) han.test(w) ? run.push(w) : flush()
  flush()
  return out
}
const queryOf = (ws) => {
  const out = []
  let run = []
  const flush = () => {
    if (run.length === 1) out.push(run[0])
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1])
    run = []
  }
  for (const w of ws) han.test(w) ? run.push(w) : (flush(), out.push(w))
  flush()
  return out
}
const score = (name, hits) => {
  let tp = 0
  let fp = 0
  let fn = 0
  const misses = []
  queries.forEach(([q, want], i) => {
    const got = hits[i]
    for (const g of got) want.includes(g) ? tp++ : (fp++, misses.push(`+${q}#${g}`))
    for (const w of want) if (!got.includes(w)) fn++, misses.push(`-${q}#${w}`)
  })
  console.log(
    `| ${name} | ${(tp / (tp + fn)).toFixed(2)} | ${(tp / Math.max(1, tp + fp)).toFixed(2)} | ${misses.join(" ") || "—"} |`,
  )
}
console.log("| method | recall | precision | misses (−) and false hits (+) |\n| --- | --- | --- | --- |")
score(
  "substring (LIKE '%q%', whole query)",
  queries.map(([q]) => posts.flatMap((p, i) => (p.includes(q) ? [i] : []))),
)
const pg = new PGlite()
await pg.exec("create table p (i int, t text)")
for (const [i, t] of posts.entries()) await pg.query("insert into p values ($1, $2)", [i, t])
const pgHits = []
for (const [q] of queries)
  pgHits.push(
    (
      await pg.query(
        "select i from p where to_tsvector('simple', t) @@ plainto_tsquery('simple', $1) order by i",
        [q],
      )
    ).rows.map((r) => r.i),
  )
score("PostgreSQL to_tsvector('simple') (PGlite)", pgHits)
for (const [name, cut] of Object.entries(cutters)) {
  const index = posts.map((p) => {
    const ws = cut(p)
    return new Set([...ws, ...bigrams(ws)])
  })
  score(
    `${name} + bigrams of single characters`,
    queries.map(([q]) => index.flatMap((s, i) => (queryOf(cut(q)).every((w) => s.has(w)) ? [i] : []))),
  )
}
const text = posts.join("").repeat(100)
for (const [name, cut] of Object.entries(cutters)) {
  const t0 = performance.now()
  for (let k = 0; k < 5; k++) cut(text)
  console.log(
    `${name}: ${((text.length * 5) / 1024 / ((performance.now() - t0) / 1000)).toFixed(0)} K chars/s`,
  )
}
