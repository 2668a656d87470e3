# @xianfeng/__package__

__titleZh__ (__titleEn__) for [Xianfeng](../../README.md): the area's rules as data, each with its id, its
citation and a function from the situation and the district's policy to verdicts. Pure: data in, verdicts out — no
clock (the caller passes `asOf`), no I/O, no randomness without a seed.

```ts
import { date, renderVerdict } from "@xianfeng/core"
import { __areaCamel__Messages, checkRecord, nationalPolicy } from "@xianfeng/__package__"

for (const verdict of checkRecord({ on: date("2026-12-01"), asOf: date("2026-11-30") }, nationalPolicy)) {
  console.log(verdict.status)
  // → blocked
  console.log(renderVerdict(verdict, __areaCamel__Messages, "zh-CN"))
  // → 记录日期（2026年12月1日）不能晚于登记日（2026年11月30日）（依据：《本区工作规定》第一条）
}
```

## Rules

| id | what it decides | cites |
| --- | --- | --- |
| `__AREA_CODE__-RECORD-DATE` | a record is never dated after the day it is entered; more than `backdateMaxDays` back warns | district policy |

## Policy (district overlay keys)

| key | default | confidence | meaning |
| --- | --- | --- | --- |
| `backdateMaxDays` | 90 | P | how far back a record may be dated without a warning |

## Example data

`@xianfeng/__package__/testing` holds seeded example records (`exampleRecord`, `exampleRecords`) for the tests of
this package and of the apps; it is not exported from `.`.

This package was laid out by `pnpm gen:area`; replace the sample rule with the area's own, from
`shared/domain/rules-reference.md`, keeping the shape: one concept a file, a citation on every verdict, every [P]/[?]
fact a policy key.
