import type { MessageCatalog } from "@xianfeng/core"

/** Every verdict code this package emits, in Chinese first and English. A test keeps it complete. */
export const educationMessages: MessageCatalog = {
  "STUDY-MEMBER-HOURS.ok": {
    "zh-CN": "本年度已学习{hours}学时，达到{min}学时",
    en: "{hours} class hours this year, at least {min}",
  },
  "STUDY-MEMBER-HOURS.below": {
    "zh-CN": "本年度已学习{hours}学时，距{min}学时还差{short}学时",
    en: "{hours} class hours this year, {short} short of {min}",
  },
  "STUDY-MEMBER-HOURS.exempt": {
    "zh-CN": "年老体弱或患病党员，不作学时硬性要求；送学方式：{brought}",
    en: "old, frail or ill: no hour minimum; study brought to the member: {brought}",
  },
  "STUDY-CADRE-HOURS.ok": {
    "zh-CN": "书记和班子成员本年度学习{hours}学时，达到{min}学时并参加集中培训",
    en: "{hours} class hours this year, at least {min}, with a centralized training",
  },
  "STUDY-CADRE-HOURS.hours": {
    "zh-CN": "书记和班子成员本年度学习{hours}学时，不足{min}学时",
    en: "a secretary or committee member with {hours} class hours this year, under {min}",
  },
  "STUDY-CADRE-HOURS.centralized": {
    "zh-CN": "书记和班子成员本年度尚未参加集中培训",
    en: "a secretary or committee member with no centralized training this year",
  },
  "NEW-SECRETARY-TRAINING.ok": {
    "zh-CN": "新任书记已参加任职培训",
    en: "the new secretary has been trained",
  },
  "NEW-SECRETARY-TRAINING.missing": {
    "zh-CN": "{since}任职的书记应在{months}个月内参加培训",
    en: "a secretary in office since {since} is to be trained within {months} months",
  },
  "NEW-MEMBER-TRAINING.ok": {
    "zh-CN": "新党员已参加集中培训",
    en: "the new member has had a centralized training",
  },
  "NEW-MEMBER-TRAINING.missing": {
    "zh-CN": "新党员应在预备期内或转正后一年内参加一次集中培训",
    en: "a new member is to have one centralized training during probation or within a year of conversion",
  },
  "FIRST-ITEM.ok": {
    "zh-CN": "{required}次应学会议均以“第一议题”开始",
    en: "all {required} meetings opened with the first agenda item",
  },
  "FIRST-ITEM.missing": {
    "zh-CN": "{required}次应学会议中有{missing}次未以“第一议题”开始",
    en: "{missing} of {required} meetings did not open with the first agenda item",
  },
}
