/**
 * A tile-grid map of China's provinces (GB/T 2260 province codes): one equal square per
 * province-level division, placed roughly where it lies, so every province is equally visible and
 * the map weighs nothing (no shapes to download). Columns run west to east, rows north to south.
 *
 * @example
 * ```ts
 * PROVINCE_TILES.find((t) => t.code === '440000'); // { code: '440000', col: 4, row: 6, zh: '广东', en: 'Guangdong' }
 * ```
 */
export const PROVINCE_TILES: readonly { code: string; col: number; row: number; zh: string; en: string }[] = [
  { code: '230000', col: 7, row: 0, zh: '黑龙江', en: 'Heilongjiang' },
  { code: '150000', col: 4, row: 1, zh: '内蒙古', en: 'Inner Mongolia' },
  { code: '110000', col: 5, row: 1, zh: '北京', en: 'Beijing' },
  { code: '210000', col: 6, row: 1, zh: '辽宁', en: 'Liaoning' },
  { code: '220000', col: 7, row: 1, zh: '吉林', en: 'Jilin' },
  { code: '650000', col: 0, row: 2, zh: '新疆', en: 'Xinjiang' },
  { code: '620000', col: 2, row: 2, zh: '甘肃', en: 'Gansu' },
  { code: '640000', col: 3, row: 2, zh: '宁夏', en: 'Ningxia' },
  { code: '140000', col: 4, row: 2, zh: '山西', en: 'Shanxi' },
  { code: '130000', col: 5, row: 2, zh: '河北', en: 'Hebei' },
  { code: '120000', col: 6, row: 2, zh: '天津', en: 'Tianjin' },
  { code: '630000', col: 2, row: 3, zh: '青海', en: 'Qinghai' },
  { code: '610000', col: 3, row: 3, zh: '陕西', en: 'Shaanxi' },
  { code: '410000', col: 4, row: 3, zh: '河南', en: 'Henan' },
  { code: '370000', col: 5, row: 3, zh: '山东', en: 'Shandong' },
  { code: '540000', col: 1, row: 4, zh: '西藏', en: 'Tibet' },
  { code: '510000', col: 2, row: 4, zh: '四川', en: 'Sichuan' },
  { code: '500000', col: 3, row: 4, zh: '重庆', en: 'Chongqing' },
  { code: '420000', col: 4, row: 4, zh: '湖北', en: 'Hubei' },
  { code: '340000', col: 5, row: 4, zh: '安徽', en: 'Anhui' },
  { code: '320000', col: 6, row: 4, zh: '江苏', en: 'Jiangsu' },
  { code: '530000', col: 2, row: 5, zh: '云南', en: 'Yunnan' },
  { code: '520000', col: 3, row: 5, zh: '贵州', en: 'Guizhou' },
  { code: '430000', col: 4, row: 5, zh: '湖南', en: 'Hunan' },
  { code: '360000', col: 5, row: 5, zh: '江西', en: 'Jiangxi' },
  { code: '330000', col: 6, row: 5, zh: '浙江', en: 'Zhejiang' },
  { code: '310000', col: 7, row: 5, zh: '上海', en: 'Shanghai' },
  { code: '450000', col: 3, row: 6, zh: '广西', en: 'Guangxi' },
  { code: '440000', col: 4, row: 6, zh: '广东', en: 'Guangdong' },
  { code: '350000', col: 5, row: 6, zh: '福建', en: 'Fujian' },
  { code: '710000', col: 6, row: 6, zh: '台湾', en: 'Taiwan' },
  { code: '460000', col: 3, row: 7, zh: '海南', en: 'Hainan' },
  { code: '820000', col: 4, row: 7, zh: '澳门', en: 'Macao' },
  { code: '810000', col: 5, row: 7, zh: '香港', en: 'Hong Kong' },
];
