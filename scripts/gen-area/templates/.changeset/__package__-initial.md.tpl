---
"@xianfeng/__package__": minor
---

First release of `@xianfeng/__package__`: __titleZh__ (__titleEn__) as a rule package — its policy (district overlay keys with national defaults), its rules with citations, a bilingual message catalog, and seeded example data under `@xianfeng/__package__/testing`.
