import { pick, type Rng, weighted } from "@xianfeng/core/testing"

// Common surnames roughly in order of frequency; drawn with weights falling off by rank.
const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文",
  "欧阳",
  "司马",
  "诸葛",
]
const SURNAME_TABLE = SURNAMES.map((s, i) => [s, s.length > 1 ? 0.02 : 1 / (i + 1) ** 0.6] as const)

const MALE = [
  ..."伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国峰志海东亮成兵振立新永春德庆荣生",
]
const FEMALE = [..."芳娜敏静丽艳娟霞秀玲桂英兰燕萍红梅琳雪婷倩颖洁慧佳悦欣怡雯晶琴云凤莉丹蓉月珍薇"]
const EITHER = [..."子文晓小一思嘉雨若安欣家永"]

/** A fictitious name: a common surname and one or two given-name characters. */
export const demoName = (rng: Rng, sex: "male" | "female"): string => {
  const surname = weighted(rng, SURNAME_TABLE)
  const own = sex === "male" ? MALE : FEMALE
  if (rng() < 0.3) return surname + pick(rng, own)
  return surname + pick(rng, rng() < 0.35 ? EITHER : own) + pick(rng, own)
}
