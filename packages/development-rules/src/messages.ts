import type { MessageCatalog } from "@xianfeng/core"

/** Every verdict code this package emits, in Chinese first and English. A test keeps it complete. */
export const developmentMessages: MessageCatalog = {
  "DEV-EDITION.none": {
    "zh-CN": "{on}时《发展党员工作细则》尚未施行，按{from}施行的版本审查",
    en: "no edition of the Detailed Rules was in force on {on}; judged by the edition in force from {from}",
  },
  "DEV-ORDER.missing": { "zh-CN": "须先完成“{missingZh}”", en: "{missingEn} must come first" },
  "DEV-ORDER.already-done": { "zh-CN": "“{step}”已办理，不能重复办理", en: "{stepEn} is already on file" },
  "DEV-ORDER.cancelled": {
    "zh-CN": "已于{cancelledOn}取消预备党员资格，不再办理后续步骤",
    en: "probationary status was cancelled on {cancelledOn}; no further steps",
  },
  "DEV-ORDER.closed": {
    "zh-CN": "已于{closedOn}办理“{closedBy}”，不再办理发展程序的其他步骤",
    en: "{closedByEn} was recorded on {closedOn}; no other step of the procedure follows",
  },
  "DEV-ORDER.unknown-step": { "zh-CN": "本区未设置步骤“{step}”", en: "the district has no step {step}" },
  "DEV-AGE-MIN.too-young": {
    "zh-CN": "申请人须年满{min}周岁，现为{age}周岁，{eligibleOn}起可以申请",
    en: "the applicant must be at least {min}; now {age}, may apply from {eligibleOn}",
  },
  "DEV-APPLY-PROGRAMME.not-accepted": {
    "zh-CN": "申请人须承认党的纲领和章程、愿意交纳党费",
    en: "the applicant must accept the programme and constitution and pay dues",
  },
  "DEV-TALK-WITHIN.due": {
    "zh-CN": "收到入党申请书（{from}）后应在{dueBy}前派人谈话",
    en: "talk with the applicant by {dueBy} (application received {from})",
  },
  "DEV-TALK-WITHIN.overdue": {
    "zh-CN": "谈话已逾期：应在{dueBy}前完成（申请于{from}）",
    en: "the talk is overdue: due by {dueBy} (application received {from})",
  },
  "DEV-TALK-WITHIN.late": {
    "zh-CN": "谈话于{on}进行，晚于应完成日期{dueBy}",
    en: "the talk on {on} came after the due date {dueBy}",
  },
  "DEV-ACTIVIST-WAIT.too-early": {
    "zh-CN": "按本区规定，{earliest}起方可确定为入党积极分子（申请于{appliedOn}）",
    en: "District rule: may become an activist from {earliest} (applied {appliedOn})",
  },
  "DEV-CONTACTS.count": {
    "zh-CN": "培养联系人应为{min}至{max}名，现为{count}名",
    en: "there must be {min} to {max} cultivation contacts, not {count}",
  },
  "DEV-CONTACTS.not-full-member": {
    "zh-CN": "{name}不是正式党员，不能作培养联系人",
    en: "{name} is not a full member and cannot be a contact",
  },
  "DEV-ASSESSMENT-EVERY.due": {
    "zh-CN": "下一次半年考察应在{dueBy}前完成",
    en: "the next half-yearly assessment is due by {dueBy}",
  },
  "DEV-ASSESSMENT-EVERY.overdue": {
    "zh-CN": "半年考察已逾期：应在{dueBy}前完成",
    en: "the half-yearly assessment is overdue since {dueBy}",
  },
  "DEV-CULTIVATION-MIN.too-early": {
    "zh-CN": "入党积极分子须培养考察一年以上（自{since}起），{earliest}起方可列为发展对象",
    en: "at least one year as activist is required (since {since}); possible from {earliest}",
  },
  "DEV-OBJECT-HIGHER.agreement-required": {
    "zh-CN": "列为发展对象须报上级党委同意，仅备案不够",
    en: "the higher committee must agree; a filing is not enough",
  },
  "DEV-PUBLIC-NOTICE.too-short": {
    "zh-CN": "公示时间不少于{min}个工作日，实际{workingDays}个工作日",
    en: "the notice must last at least {min} working days, it lasted {workingDays}",
  },
  "DEV-PUBLIC-NOTICE.calendar-unknown": {
    "zh-CN": "{years}年的工作日安排尚未收录，无法核对公示工作日数，请人工核对",
    en: "working-day calendar for {years} not available; check the notice length by hand",
  },
  "DEV-PUBLIC-NOTICE.two-places": {
    "zh-CN": "流动人员须在流出地和流入地同时公示，现仅{places}处",
    en: "a migrant's notice must be posted in both places; only {places} given",
  },
  "DEV-PUBLIC-NOTICE.dates": {
    "zh-CN": "公示起止日期有误（{start}至{end}）",
    en: "the notice dates are wrong ({start} to {end})",
  },
  "DEV-PUBLIC-NOTICE.before-agreement": {
    "zh-CN": "公示（{start}开始）须在上级党委同意（{agreedOn}）之后",
    en: "the notice (from {start}) must follow the higher committee's agreement ({agreedOn})",
  },
  "DEV-INTRODUCERS.count": {
    "zh-CN": "应有两名入党介绍人，现为{count}名",
    en: "there must be exactly two introducers, not {count}",
  },
  "DEV-INTRODUCERS.not-full-member": {
    "zh-CN": "{name}不是正式党员，不能作入党介绍人",
    en: "{name} is not a full member and cannot introduce",
  },
  "DEV-INTRODUCERS.party-probation": {
    "zh-CN": "{name}受留党察看处分、尚未恢复党员权利，不能作入党介绍人",
    en: "{name} is under probation within the party without restored rights and cannot introduce",
  },
  "DEV-INTRODUCERS.sanction-period": {
    "zh-CN": "{name}在{sanctionZh}处分影响期内（至{until}），不宜作入党介绍人",
    en: "{name} is within the effect period of a {sanction} (until {until}) and should not introduce",
  },
  "DEV-POLITICAL-REVIEW.no-conclusion": {
    "zh-CN": "政治审查须形成结论性材料",
    en: "the political review needs a written conclusion",
  },
  "DEV-POLITICAL-REVIEW.incomplete": {
    "zh-CN": "政治审查缺少内容：{missingZh}",
    en: "the political review does not cover: {missing}",
  },
  "DEV-POLITICAL-REVIEW.failed": {
    "zh-CN": "政治审查不合格，不能发展入党",
    en: "the political review was not passed; the person cannot be admitted",
  },
  "DEV-POLITICAL-REVIEW.no-joint-review": {
    "zh-CN": "未记录政审联审情况",
    en: "no joint review with discipline and law-enforcement bodies is recorded",
  },
  "DEV-TRAINING.too-short": {
    "zh-CN": "集中培训须不少于{minDays}天或{minHours}学时，现为{days}天、{hours}学时",
    en: "training must be at least {minDays} days or {minHours} hours; so far {days} days, {hours} hours",
  },
  "DEV-TRAINING.short-so-far": {
    "zh-CN": "集中培训累计{days}天、{hours}学时，尚未达到{minDays}天或{minHours}学时",
    en: "training so far {days} days, {hours} hours; {minDays} days or {minHours} hours are needed",
  },
  "DEV-LEAVING-UNIT.leaving-soon": {
    "zh-CN": "发展对象将于{leavingOn}离开单位（3个月内），一般不办理接收手续",
    en: "the candidate for membership leaves the unit on {leavingOn} (within 3 months); admission is normally not processed",
  },
  "DEV-PRE-REVIEW.not-written": {
    "zh-CN": "预审结果须书面通知党支部",
    en: "the pre-review result must reach the branch in writing",
  },
  "DEV-PRE-REVIEW.unknown-level": {
    "zh-CN": "本区预审不含“{levelZh}”一级",
    en: "the district's pre-review has no {level} level",
  },
  "DEV-PRE-REVIEW.level-order": {
    "zh-CN": "“{levelZh}”预审须在“{previousZh}”预审通过之后",
    en: "pre-review by the {level} must follow a passed pre-review by the {previous}",
  },
  "DEV-APPLICATION-FORM.no-introducer-opinions": {
    "zh-CN": "入党志愿书须有入党介绍人的意见",
    en: "the application form needs the introducers' opinions",
  },
  "DEV-QUORUM.no-quorum": {
    "zh-CN": "有表决权的到会党员{present}人，未超过应到会{expected}人的半数",
    en: "{present} voting members present is not more than half of the {expected} expected",
  },
  "DEV-QUORUM.not-passed": {
    "zh-CN": "赞成票{yes}票，未超过应到会有表决权党员{expected}人的半数",
    en: "{yes} yes votes is not more than half of the {expected} expected voting members",
  },
  "DEV-QUORUM.tally": {
    "zh-CN": "票数不符：应到{expected}人，实到{present}人，书面意见{written}份，票数{votes}",
    en: "the numbers do not add up: {expected} expected, {present} present, {written} written opinions, {votes} votes",
  },
  "DEV-QUORUM.not-secret": { "zh-CN": "须采取无记名投票方式表决", en: "the vote must be by secret ballot" },
  "DEV-ONE-AT-A-TIME.several-in-one-ballot": {
    "zh-CN": "一次表决了{candidates}人，须逐个讨论、逐个表决",
    en: "{candidates} people were decided in one ballot; each must be voted on separately",
  },
  "DEV-ONE-AT-A-TIME.not-collective": {
    "zh-CN": "党委审批须集体讨论和表决",
    en: "the committee must decide by collective discussion and vote",
  },
  "DEV-MEETING-AFTER-PREREVIEW.due": {
    "zh-CN": "预审通过（{from}）后应在{dueBy}前召开支部大会",
    en: "hold the branch general meeting by {dueBy} (pre-review passed {from})",
  },
  "DEV-MEETING-AFTER-PREREVIEW.overdue": {
    "zh-CN": "支部大会已逾期：预审通过于{from}，应在{dueBy}前召开",
    en: "the branch meeting is overdue: pre-review passed {from}, due by {dueBy}",
  },
  "DEV-MEETING-AFTER-PREREVIEW.late": {
    "zh-CN": "支部大会于{on}召开，晚于预审通过后一个月（{dueBy}）",
    en: "the branch meeting on {on} was held after {dueBy}, more than a month after pre-review",
  },
  "DEV-APPROVER.temporary": {
    "zh-CN": "临时党组织不能审批预备党员",
    en: "a temporary organization may not approve",
  },
  "DEV-APPROVER.under-township": {
    "zh-CN": "乡镇（街道）党委所属的基层党委不能审批预备党员",
    en: "a grassroots committee under a township or street committee may not approve",
  },
  "DEV-APPROVER.not-committee": {
    "zh-CN": "{kind}没有审批权限，只有党委可以审批",
    en: "a {kindEn} may not approve; only a party committee may",
  },
  "DEV-APPROVAL-WITHIN.due": {
    "zh-CN": "上级党委应在{dueBy}前审批（自{from}起三个月）",
    en: "the committee should approve by {dueBy} (3 months from {from})",
  },
  "DEV-APPROVAL-WITHIN.overdue": {
    "zh-CN": "审批已超过三个月（应在{dueBy}前）；特殊情况最长不超过六个月",
    en: "approval is past 3 months (due {dueBy}); special cases may not exceed 6 months",
  },
  "DEV-APPROVAL-WITHIN.late": {
    "zh-CN": "审批于{on}，超过三个月期限（{dueBy}），且未说明特殊情况",
    en: "approved on {on}, after the 3-month limit ({dueBy}), with no special reason recorded",
  },
  "DEV-APPROVAL-WITHIN.extended": {
    "zh-CN": "因特殊情况延长审批时间（自{from}起超过三个月）：{reason}",
    en: "approval took more than 3 months from {from} for a special reason: {reason}",
  },
  "DEV-APPROVAL-WITHIN.beyond-limit": {
    "zh-CN": "审批时间不得超过六个月（自{from}起，至{limit}止）",
    en: "approval may never take more than 6 months (from {from}, limit {limit})",
  },
  "DEV-PROBATION-LENGTH.period": {
    "zh-CN": "预备期自{start}至{end}",
    en: "probation runs from {start} to {end}",
  },
  "DEV-OATH-WITHIN.due": { "zh-CN": "应在{dueBy}前组织入党宣誓", en: "the oath is due by {dueBy}" },
  "DEV-OATH-WITHIN.overdue": {
    "zh-CN": "入党宣誓已逾期：应在{dueBy}前",
    en: "the oath is overdue: due by {dueBy}",
  },
  "DEV-OATH-WITHIN.late": {
    "zh-CN": "入党宣誓于{on}，晚于批准后一个月（{dueBy}）",
    en: "the oath on {on} came more than a month after approval ({dueBy})",
  },
  "DEV-CONVERSION-APPLICATION.not-written": {
    "zh-CN": "转正申请须为书面申请",
    en: "the conversion application must be in writing",
  },
  "DEV-CONVERSION-APPLICATION.too-early": {
    "zh-CN": "预备期{probationEnd}届满，{earliest}起方可提出转正申请",
    en: "probation ends on {probationEnd}; the application may be written from {earliest}",
  },
  "DEV-CONVERSION-APPLICATION.due": {
    "zh-CN": "预备期于{dueBy}届满，应提出书面转正申请",
    en: "probation ends on {dueBy}: a written conversion application is due",
  },
  "DEV-CONVERSION-APPLICATION.overdue": {
    "zh-CN": "预备期已于{dueBy}届满，尚未提出转正申请",
    en: "probation ended on {dueBy} and no conversion application is on file",
  },
  "DEV-CONVERSION-MEETING.before-end": {
    "zh-CN": "预备期{probationEnd}届满后方可讨论转正",
    en: "conversion may be discussed only once probation ends on {probationEnd}",
  },
  "DEV-CONVERSION-MEETING.due": {
    "zh-CN": "预备期于{from}届满，应在{dueBy}前召开支部大会讨论转正",
    en: "probation ended {from}: hold the conversion meeting by {dueBy}",
  },
  "DEV-CONVERSION-MEETING.overdue": {
    "zh-CN": "转正讨论已逾期：预备期于{from}届满，应在{dueBy}前讨论",
    en: "the conversion meeting is overdue: probation ended {from}, due by {dueBy}",
  },
  "DEV-CONVERSION-MEETING.late": {
    "zh-CN": "转正讨论于{on}，晚于{dueBy}",
    en: "the conversion meeting on {on} came after {dueBy}",
  },
  "DEV-CONVERSION-APPROVAL-WITHIN.due": {
    "zh-CN": "上级党委应在{dueBy}前审批转正",
    en: "the committee should decide on conversion by {dueBy}",
  },
  "DEV-CONVERSION-APPROVAL-WITHIN.overdue": {
    "zh-CN": "转正审批已逾期：应在{dueBy}前",
    en: "the conversion approval is overdue: due by {dueBy}",
  },
  "DEV-CONVERSION-APPROVAL-WITHIN.late": {
    "zh-CN": "转正审批于{on}，超过三个月（{dueBy}）",
    en: "conversion approved on {on}, after 3 months ({dueBy})",
  },
  "DEV-PARTY-AGE.starts": { "zh-CN": "党龄自{from}起算", en: "party age counts from {from}" },
  "DEV-EXTENSION.second": { "zh-CN": "预备期只能延长一次", en: "probation may be extended only once" },
  "DEV-EXTENSION.months": {
    "zh-CN": "延长预备期不少于6个月、不超过1年，现为{months}个月",
    en: "an extension is 6 to 12 months, not {months}",
  },
  "DEV-TRANSFER.unverified": {
    "zh-CN": "转入材料无法核实的不予承认",
    en: "transferred materials that cannot be verified are not recognised",
  },
  "DEV-TRANSFER.postpone-too-long": {
    "zh-CN": "推迟讨论转正不得超过{max}个月，现为{months}个月",
    en: "the conversion discussion may be postponed by at most {max} months, not {months}",
  },
  "DEV-TRANSFER.missing-dates": {
    "zh-CN": "转入材料须写明原培养或预备期起始日期",
    en: "the transfer must carry the original start dates",
  },
  "DEV-ARCHIVE.incomplete": {
    "zh-CN": "归档材料不全，缺少：{missingZh}",
    en: "the archive is incomplete; missing: {missing}",
  },
  "DEV-LEAGUE-NOMINATION.not-nominated": {
    "zh-CN": "按本区规定，{maxAge}周岁及以下的共青团员（现{age}周岁）须经团组织推优方可确定为入党积极分子",
    en: "District rule: a league member aged {maxAge} or under (now {age}) becomes an activist only on the league's nomination",
  },
  "DEV-MOBILE-ORG.not-qualified": {
    "zh-CN": "尚不具备发展党员条件的流动党员党组织不能确定发展对象，应向有关党组织介绍情况、转交材料",
    en: "a mobile-member organization without the conditions cannot decide candidates for membership; hand the materials over to the organization concerned",
  },
  "DEV-DIRECT-ADMISSION.not-entitled": {
    "zh-CN": "只有党中央和省（自治区、直辖市）党委可以直接接收党员，{levelZh}不能",
    en: "only the Central Committee and provincial committees may admit directly, not {level}",
  },
  "DEV-POSTHUMOUS.not-requested": {
    "zh-CN": "追认党员须生前曾向党组织提出过入党要求",
    en: "posthumous admission requires that the person had asked to join the party",
  },
  "DEV-POSTHUMOUS.approver": {
    "zh-CN": "追认党员须报省一级党委批准，{levelZh}不能批准",
    en: "posthumous admission is approved by the provincial committee, not {level}",
  },
  "DEV-POSTHUMOUS.before-death": {
    "zh-CN": "追认日期不能早于牺牲日期{diedOn}",
    en: "the posthumous admission cannot precede the death on {diedOn}",
  },
  "DEV-NOT-RECOGNISED.meets-conditions": {
    "zh-CN": "经综合分析研判符合党员条件的，不适用不予承认党员身份",
    en: "the review found that the person meets the conditions of membership: non-recognition does not apply",
  },
  "DEV-NOT-RECOGNISED.not-announced": {
    "zh-CN": "不予承认党员身份须在党支部党员大会上公布",
    en: "a non-recognition must be announced at a branch general meeting",
  },
  "DEV-POOL-ANALYSIS.done": {
    "zh-CN": "{year}年入党积极分子队伍状况分析已于{on}完成",
    en: "the {year} analysis of the activist pool was done on {on}",
  },
  "DEV-POOL-ANALYSIS.due": {
    "zh-CN": "应在{dueBy}前完成{year}年入党积极分子队伍状况分析",
    en: "the {year} analysis of the activist pool is due by {dueBy}",
  },
  "DEV-POOL-ANALYSIS.overdue": {
    "zh-CN": "{year}年入党积极分子队伍状况分析已逾期（应在{dueBy}前完成）",
    en: "the {year} analysis of the activist pool is overdue (due by {dueBy})",
  },
}
