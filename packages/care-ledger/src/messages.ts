import type { MessageCatalog } from "@xianfeng/core"

/** Every verdict code this package emits, in Chinese first and English. A test keeps it complete. */
export const careMessages: MessageCatalog = {
  "DUES-PAYMENT.amount": {
    "zh-CN": "缴纳金额须为大于0的整数（分），现为{amount}",
    en: "a payment is whole fen above 0, not {amount}",
  },
  "DUES-PAYMENT.paid": {
    "zh-CN": "{month}的党费已缴清，不能重复缴纳",
    en: "the dues of {month} are paid already",
  },
  "DUES-PAYMENT.back-pay": {
    "zh-CN": "{month}距今已超过{max}个月，不能补缴",
    en: "{month} is more than {max} months back and can no longer be paid late",
  },
  "DUES-PAYMENT.ahead": {
    "zh-CN": "只能预交本年度的党费（{month}）",
    en: "only this year's dues may be paid ahead ({month})",
  },
  "DUES-PAYMENT.short": {
    "zh-CN": "应缴{dueYuan}元，实缴{paidYuan}元，仍有欠缴",
    en: "¥{paidYuan} paid of ¥{dueYuan} due: still in arrears",
  },
  "DUES-PAYMENT.centre": {
    "zh-CN": "超额{extraYuan}元（一次1000元以上）须全部上缴中央",
    en: "the surplus of ¥{extraYuan} (¥1,000 or more at once) goes entirely to the centre",
  },
  "DUES-PAYMENT.prepaid": { "zh-CN": "预交{month}的党费", en: "dues of {month} paid ahead" },
  "DUES-PAYMENT.ok": { "zh-CN": "{month}的党费已缴", en: "dues of {month} paid" },
  "DUES-AMOUNT.monthly": {
    "zh-CN": "每月应缴党费{monthlyYuan}元",
    en: "monthly dues ¥{monthlyYuan}",
  },
  "DUES-AMOUNT.base": { "zh-CN": "无法核定党费：{reason}", en: "dues cannot be assessed: {reason}" },
  "CARE-CATEGORY.old-member": { "zh-CN": "列入老党员台账", en: "an old member of the ledger" },
  "CARE-CATEGORY.pre-1949": { "zh-CN": "1949年10月1日前入党", en: "joined before 1 October 1949" },
  "MEDAL-50.awarded": { "zh-CN": "已于{year}年颁发纪念章", en: "given the medal in {year}" },
  "MEDAL-50.not-living": { "zh-CN": "纪念章颁发给健在党员", en: "the medal is for living members" },
  "MEDAL-50.not-yet": { "zh-CN": "党龄于{reaches}满50年", en: "party age reaches 50 on {reaches}" },
  "MEDAL-50.standing": {
    "zh-CN": "党籍状态或一贯表现审核未通过，暂不颁发",
    en: "membership status or the vetting of conduct stands in the way",
  },
  "MEDAL-50.eligible": {
    "zh-CN": "党龄{partyAge}年，应颁发纪念章",
    en: "party age {partyAge}: to be given the medal",
  },
  "CARE-SURVEY.late": {
    "zh-CN": "已于{on}确认，晚于截止日期{dueBy}",
    en: "confirmed on {on}, after the deadline {dueBy}",
  },
  "CARE-SURVEY.confirmed": { "zh-CN": "已于{on}确认", en: "confirmed on {on}" },
  "CARE-SURVEY.overdue": {
    "zh-CN": "已过截止日期{dueBy}，尚有{left}条待核实",
    en: "past the deadline {dueBy}; {left} entries still to review",
  },
  "CARE-SURVEY.due": {
    "zh-CN": "须于{dueBy}前确认，尚有{left}条待核实",
    en: "to confirm by {dueBy}; {left} entries to review",
  },
  "CARE-SURVEY.unreviewed": {
    "zh-CN": "尚有{left}条台账未核实（确认或销号），不能确认",
    en: "{left} entries are not yet reviewed (confirmed or closed)",
  },
  "CARE-SURVEY.ok": { "zh-CN": "可以确认", en: "may be confirmed" },
  "CARE-VISIT.not-in-plan": {
    "zh-CN": "慰问对象不在本次走访计划中",
    en: "the person is not in this visit plan",
  },
  "CARE-VISIT.twice": { "zh-CN": "该对象已登记过本次走访", en: "this person's visit is recorded already" },
  "CARE-VISIT.future": {
    "zh-CN": "走访日期（{on}）不能晚于登记日",
    en: "a visit cannot be dated {on}, after today",
  },
  "CARE-VISIT.visitors": { "zh-CN": "须填写慰问人", en: "name at least one visitor" },
  "CARE-VISIT.amount": {
    "zh-CN": "慰问金须为不小于0的整数（分），现为{amount}",
    en: "the amount is whole fen, 0 or more, not {amount}",
  },
  "CARE-VISIT.late": {
    "zh-CN": "走访日期{on}晚于节前期限{dueBy}",
    en: "visited on {on}, after the deadline {dueBy}",
  },
  "CARE-VISIT.ok": { "zh-CN": "已于{on}走访", en: "visited on {on}" },
  "CARE-PLAN.over-budget": {
    "zh-CN": "已发放{spentYuan}元，超过预算{budgetYuan}元",
    en: "¥{spentYuan} given, over the budget of ¥{budgetYuan}",
  },
  "CARE-PLAN.done": { "zh-CN": "已全部走访（{visited}人）", en: "all visited ({visited})" },
  "CARE-PLAN.open": { "zh-CN": "尚有{left}人未走访，期限{dueBy}", en: "{left} still to visit by {dueBy}" },
  "COMMEND-ELIGIBLE.ok": { "zh-CN": "符合推荐条件", en: "may be nominated" },
  "COMMEND-ELIGIBLE.stage": { "zh-CN": "须为正式党员", en: "must be a full member" },
  "COMMEND-ELIGIBLE.sanctioned": {
    "zh-CN": "受处分或正在接受审查，不能推荐",
    en: "under a sanction or an open case",
  },
  "COMMEND-ELIGIBLE.one-title": {
    "zh-CN": "同一人不能同时推荐两项个人称号",
    en: "one person, one personal title",
  },
  "COMMEND-ELIGIBLE.grade-missing": {
    "zh-CN": "缺少{year}年度民主评议等次",
    en: "no appraisal grade for {year}",
  },
  "COMMEND-ELIGIBLE.grade": {
    "zh-CN": "{year}年度民主评议等次（{grade}）不符合要求",
    en: "the {year} appraisal grade ({grade}) is too low",
  },
  "COMMEND-ELIGIBLE.work-years": {
    "zh-CN": "从事党务工作{years}年，不足{min}年",
    en: "{years} years of party work, fewer than {min}",
  },
  "COMMEND-QUOTA.full": { "zh-CN": "推荐名额（{quota}名）已满", en: "the quota of {quota} is used up" },
  "COMMEND-QUOTA.ok": { "zh-CN": "尚余名额{left}名", en: "{left} places left" },
  "COMMEND-STEP.order": { "zh-CN": "不能从“{from}”直接到“{to}”", en: "cannot go from {from} to {to}" },
  "COMMEND-STEP.calendar": {
    "zh-CN": "工作日历缺少该年份，无法确定公示期结束日",
    en: "the working calendar lacks the year; the notice's end is unknown",
  },
  "COMMEND-STEP.notice": {
    "zh-CN": "公示期至{endsOn}，期满且无异议后方可审批",
    en: "the notice runs to {endsOn}; approve after it, without upheld objection",
  },
  "COMMEND-STEP.ok": { "zh-CN": "可进入“{to}”", en: "may move to {to}" },
}
