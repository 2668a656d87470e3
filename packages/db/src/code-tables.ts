import type { LocalizedText } from "@xianfeng/core"

/** 民族, GB/T 3304-1991 (national-fields.md §5 C3), with the common dictionary additions 97 and 98. */
export const ethnicityCodes: Readonly<Record<string, string>> = Object.fromEntries(
  [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
  ]
    .map((name, i) => [String(i + 1).padStart(2, "0"), name] as const)
    .concat([
      ["97", "其他"],
      ["98", "外国血统中国籍人士"],
    ]),
)

/** 学历, the organization (党统) list of national-fields.md §5 C2. */
export const educationCodes: Readonly<Record<string, string>> = {
  "11": "博士研究生",
  "12": "硕士研究生",
  "13": "研究生班",
  "1A": "中央党校研究生",
  "1B": "省(区、市)委党校研究生",
  "21": "大学",
  "22": "大专",
  "23": "大学普通班",
  "24": "第二学士学位班",
  "2A": "中央党校大学",
  "2B": "省委党校大学",
  "2C": "中央党校大专",
  "2D": "省委党校大专",
  "41": "中专",
  "44": "职业高中",
  "47": "技工学校",
  "61": "普通高中",
  "71": "初中",
  "81": "小学",
  "9": "其他",
}

/**
 * Occupation groups as the published statistics roll them up (national-fields.md §5 C7, "published
 * roll-up"); the detailed 工作岗位 codes are not public, so members carry the group.
 */
export type OccupationGroup =
  | "worker"
  | "farmer"
  | "professional"
  | "manager"
  | "civil-servant"
  | "student"
  | "other"
  | "retired"

export const occupationGroups: Readonly<Record<OccupationGroup, LocalizedText>> = {
  worker: { "zh-CN": "工人（工勤技能人员）", en: "workers (manual and skilled)" },
  farmer: { "zh-CN": "农牧渔民", en: "farmers, herders and fishers" },
  professional: {
    "zh-CN": "企事业单位、民办非企业单位专业技术人员",
    en: "professional and technical staff",
  },
  manager: { "zh-CN": "企事业单位、民办非企业单位管理人员", en: "managers" },
  "civil-servant": { "zh-CN": "党政机关工作人员", en: "party and government staff" },
  student: { "zh-CN": "学生", en: "students" },
  other: { "zh-CN": "其他职业人员", en: "other occupations" },
  retired: { "zh-CN": "离退休人员", en: "retirees" },
}
