import { em, stepNames } from "@xianfeng/appraisal-scoring"
import { date, isAfter } from "@xianfeng/core"
import { caseDeadlinesOf } from "@xianfeng/db"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"

/**
 * 不合格党员处置 in the agenda: each open case whose current step (criticism, reminder talk, time-limited
 * correction…) is due in the window, on its due date (EM 29–31). The member is not named: a grade of
 * unqualified is for the case page, which audits who reads it, not for a calendar feed.
 */
export const appraisalAgenda = defineAgendaSource({
  area: "appraisal",
  entries: async ({ db, scope, today, from, to, limit }) =>
    (await caseDeadlinesOf(db, scope, from, to, limit)).map((c): AgendaEntry => {
      const due = date(c.dueBy)
      const step = stepNames[c.step]
      return {
        date: due,
        kind: "appraisal.case-step",
        key: `${c.id}/${c.steps.length}`,
        title: {
          "zh-CN": `${c.orgName}：不合格党员处置（${step["zh-CN"]}）期限`,
          en: `${c.orgName}: unqualified member's case, ${step.en} due`,
        },
        orgId: c.orgId,
        orgName: c.orgName,
        link: "/appraisal/cases",
        citations: [em(29)],
        state: isAfter(today, due) ? "overdue" : "due",
      }
    }),
})
