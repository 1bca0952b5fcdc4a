/** Invented Chinese names: enumerators, places, villages. */
import type { Random } from './random.ts'

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文']
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力兰斌宇浩凯鹏婷雪琳晨峰波俊燕慧莉倩颖欣东亮成志国庆海']

export function enumeratorName(r: Random): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '')
}

const PLACE = [...'东西南北龙凤金银青白红长安平和兴盛福寿宁康泰华新民永丰乐明德山河湖泉林桥城阳春秋文武仁义广大通汇']
const VILLAGE_PREFIX = ['', '', '', '东', '西', '南', '北', '前', '后', '大', '小', '新', '上', '下']
const VILLAGE_SUFFIX = [...'庄村屯营集店楼寨洼岭桥河湾坊园堂']

export function placeName(r: Random): string {
  return r.pick(PLACE) + r.pick(PLACE)
}

export function villageName(r: Random): string {
  return r.pick(VILLAGE_PREFIX) + r.pick(SURNAMES) + r.pick(VILLAGE_SUFFIX)
}

export function uniqueName(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = make()
    if (!used.has(name)) {
      used.add(name)
      return name
    }
  }
  throw new Error('ran out of names')
}
