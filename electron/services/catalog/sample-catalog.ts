import type { CatalogBundle, CatalogField, CatalogItem, CatalogMaterial } from './catalog-types';

/**
 * The bundled 示例 catalogue, used until the platform has delivered one: the three 办事指南 of
 * domain.md §7 written out, a dozen common items, and generated filler up to real volume so that
 * search and lists are exercised at the size a hall sees. Every row is marked `sample`.
 */
const SAMPLE_VERSION = 1;

type MaterialSpec = Partial<CatalogMaterial> & Pick<CatalogMaterial, 'name'>;
const material = (itemId: string, i: number, m: MaterialSpec): CatalogMaterial => ({
  id: `${itemId}-m${String(i + 1).padStart(2, '0')}`,
  sharedKey: null,
  necessity: 'required',
  materialType: 'original',
  format: 'paper',
  copies: 1,
  sourceType: 'applicant',
  acceptStandard: '',
  allowRongque: false,
  allowPromise: false,
  elicenseType: null,
  blankFormRef: null,
  sampleRef: null,
  note: '',
  ...m,
});

const field = (key: string, label: string, kind: CatalogField['kind'], extra: Partial<CatalogField> = {}): CatalogField => ({
  key,
  label,
  kind,
  required: true,
  options: [],
  prefill: null,
  maxLength: null,
  ...extra,
});

const applicantFields = [
  field('applicantName', '申请人姓名', 'text', { prefill: 'applicant.name', maxLength: 50 }),
  field('applicantId', '公民身份号码', 'idNumber', { prefill: 'applicant.certNo' }),
  field('phone', '联系电话', 'phone', { prefill: 'applicant.phone', required: false }),
  field('address', '联系地址', 'address', { prefill: 'applicant.address', maxLength: 120 }),
];

type ItemSpec = Omit<Partial<CatalogItem>, 'materials'> &
  Pick<CatalogItem, 'id' | 'name' | 'deptName' | 'promiseLimit' | 'projectType'> & { materials: MaterialSpec[] };

const item = (s: ItemSpec): CatalogItem => ({
  catalogCode: s.id.slice(0, 12),
  taskCode: s.id,
  handleItemCode: null,
  typeCode: '01',
  deptCode: null,
  acceptCondition: '',
  legalLimit: Math.max(s.promiseLimit, 20),
  legalUnit: 'workday',
  promiseUnit: 'workday',
  fees: [],
  visits: 1,
  handleArea: 'city',
  canMail: true,
  specialProcedure: '',
  resultName: '',
  transactAddr: '示例区政务服务中心一楼综合窗口',
  transactTime: '周一至周五 9:00–17:00；周六 9:00–12:00（周末不打烊）',
  linkWay: '0571-12345',
  remitNote: '',
  version: SAMPLE_VERSION,
  status: 'active',
  sample: true,
  fields: applicantFields,
  ...s,
  materials: s.materials.map((m, i) => material(s.id, i, m)),
});

const idMaterial = (who = '申请人'): MaterialSpec => ({
  name: `${who}身份证明`,
  sharedKey: who === '申请人' ? 'applicant-id' : null,
  sourceType: 'government',
  acceptStandard: '居民身份证原件核验，在有效期内',
  elicenseType: 'idcard',
  materialType: 'original',
});
const proxyMaterial: MaterialSpec = {
  name: '授权委托书及代理人身份证明',
  sharedKey: 'power-of-attorney',
  necessity: 'conditional',
  acceptStandard: '委托他人代办时提交，须有委托人签字',
  note: '委托他人代办时提交',
};

/** 个体工商户设立登记 (domain.md §7.1). */
const gtgsh = item({
  id: '11330102MB0000001X0001',
  catalogCode: '000105002000',
  name: '个体工商户设立登记',
  typeCode: '07',
  deptName: '示例区市场监督管理局',
  deptCode: '11330102MB0000001X',
  acceptCondition: '有经营能力的公民从事工商业经营，依法登记为个体工商户；经营场所、经营范围符合法律法规规定。',
  legalLimit: 3,
  promiseLimit: 0,
  projectType: 'instant',
  visits: 0,
  resultName: '营业执照（纸质及电子营业执照）',
  remitNote: '涉及前置许可的，请先到相应许可部门办理许可。',
  materials: [
    { name: '个体工商户登记（备案）申请书', blankFormRef: 'form/gtgsh-sqs', sampleRef: 'sample/gtgsh-sqs', acceptStandard: '经营者本人签字，内容与证件一致' },
    idMaterial('经营者'),
    { name: '经营场所使用证明', materialType: 'copy', allowPromise: true, allowRongque: true, acceptStandard: '产权证明或租赁合同；可用住所（经营场所）申报承诺表代替' },
    proxyMaterial,
    { name: '前置许可文件', necessity: 'conditional', materialType: 'copy', sourceType: 'government', elicenseType: 'license', note: '经营范围涉及前置许可时提交' },
  ],
  fields: [
    ...applicantFields,
    field('tradeName', '个体工商户名称', 'text', { maxLength: 60 }),
    field('businessScope', '经营范围', 'textarea', { maxLength: 500 }),
    field('premises', '经营场所', 'address', { maxLength: 120 }),
    field('capital', '资金数额（万元）', 'number'),
    field('form', '组成形式', 'select', { options: ['个人经营', '家庭经营'] }),
  ],
});

/** 不动产抵押权首次登记 (domain.md §7.3). */
const dyqdj = item({
  id: '11330102MB0000002Y0001',
  catalogCode: '000112007000',
  name: '不动产抵押权首次登记',
  typeCode: '07',
  deptName: '示例区不动产登记中心',
  deptCode: '11330102MB0000002Y',
  acceptCondition: '抵押人与抵押权人共同申请；抵押财产权属清楚，未被依法查封。',
  legalLimit: 30,
  promiseLimit: 2,
  projectType: 'promise',
  fees: [{ name: '不动产登记费', standard: '住宅 80 元/件；非住宅 550 元/件' }],
  specialProcedure: '实地查看、公告（时间不计入办理时限）',
  resultName: '不动产登记证明（纸质或电子证明）',
  remitNote: '土地所有权、宅基地、学校医院等公益设施、权属不明或被依法查封的财产不得抵押。',
  materials: [
    { name: '不动产登记申请书', blankFormRef: 'form/bdc-sqs', acceptStandard: '抵押人、抵押权人共同签字（盖章）' },
    idMaterial(),
    { name: '不动产权属证书', sourceType: 'government', elicenseType: 'property', acceptStandard: '原件，与登记簿一致' },
    { name: '主债权合同', materialType: 'copy', allowRongque: true, acceptStandard: '最高额抵押提交最高额债权合同；提交抵押要素表的可免' },
    { name: '抵押合同', acceptStandard: '主债权合同含抵押条款的可不提交' },
    proxyMaterial,
  ],
  fields: [
    ...applicantFields,
    field('mortgagee', '抵押权人（银行）', 'text', { maxLength: 80 }),
    field('propertyNo', '不动产权证号', 'text', { maxLength: 60 }),
    field('amount', '被担保主债权数额（万元）', 'number'),
    field('mortgageType', '抵押方式', 'select', { options: ['一般抵押', '最高额抵押', '在建建筑物抵押'] }),
  ],
});

const parentsId: MaterialSpec = { name: '父母双方居民身份证', sharedKey: 'parents-id', sourceType: 'government', elicenseType: 'idcard' };
const hukou: MaterialSpec = { name: '居民户口簿', sharedKey: 'hukou', sourceType: 'government', elicenseType: 'hukou' };
const marriage: MaterialSpec = { name: '结婚证', sharedKey: 'marriage', sourceType: 'government', elicenseType: 'marriage', allowRongque: true };
const birthCert: MaterialSpec = { name: '出生医学证明', sharedKey: 'birth-cert', sourceType: 'government', elicenseType: 'birth' };
const babyFields = [
  ...applicantFields,
  field('babyName', '新生儿姓名', 'text', { maxLength: 30 }),
  field('babyBirthDate', '出生日期', 'date'),
  field('babyGender', '性别', 'select', { options: ['男', '女'] }),
  field('hospital', '出生医院', 'text', { maxLength: 80 }),
];
const newborn = (n: number, name: string, deptName: string, promiseLimit: number, materials: MaterialSpec[], extra: Partial<ItemSpec> = {}) =>
  item({
    id: `11330102MB00001${String(n).padStart(2, '0')}Z0001`,
    name,
    deptName,
    promiseLimit,
    projectType: promiseLimit === 0 ? 'instant' : 'promise',
    typeCode: '20',
    fields: babyFields,
    acceptCondition: '在本省具备助产资质的医疗机构出生、首次签发出生医学证明、未满一周岁的新生儿，父母双方或一方为本地户籍。',
    materials,
    ...extra,
  });

const newbornItems = [
  newborn(1, '生育登记凭证签发', '示例区卫生健康局', 0, [parentsId, hukou, marriage]),
  newborn(2, '出生医学证明签发', '示例区妇幼保健院', 5, [parentsId, { name: '出生医学证明首次签发登记表', blankFormRef: 'form/csyxzm' }]),
  newborn(3, '预防接种电子档案申领', '示例区疾病预防控制中心', 0, [birthCert, parentsId], { legalLimit: 5 }),
  newborn(4, '国（境）内出生登记', '示例区公安分局', 0, [{ name: '出生登记申请表', blankFormRef: 'form/csdj' }, birthCert, parentsId, hukou, marriage]),
  newborn(5, '城乡居民基本医疗保险参保登记', '示例区医疗保障局', 3, [hukou, birthCert]),
  newborn(6, '社会保障卡申领', '示例区人力资源和社会保障局', 5, [hukou, birthCert, { name: '监护人身份证明', sharedKey: 'parents-id', sourceType: 'government', elicenseType: 'idcard' }]),
  newborn(7, '城乡居民医保费申报', '示例区税务局', 0, [hukou]),
  newborn(8, '生育医疗费用报销', '示例区医疗保障局', 10, [parentsId, { name: '医疗费用发票及费用明细', materialType: 'original' }, { name: '银行账户信息', materialType: 'copy', allowRongque: true }]),
  newborn(9, '科学育儿指导服务登记', '示例区卫生健康局', 0, [parentsId]),
];

const commonItems: CatalogItem[] = [
  ['居民身份证换领', '示例区公安分局', 20, [{ name: '原居民身份证' }, hukou, { name: '相片回执', allowRongque: true }]],
  ['居住证签发', '示例区公安分局', 15, [idMaterial(), { name: '居住登记凭证或住所证明', allowPromise: true }]],
  ['机动车驾驶证补领', '示例区公安交警大队', 0, [idMaterial(), { name: '身体条件证明', allowRongque: true }]],
  ['食品经营许可（新办）', '示例区市场监督管理局', 10, [{ name: '食品经营许可申请书' }, idMaterial(), { name: '经营场所平面图', allowRongque: true }, { name: '食品安全管理制度', allowPromise: true }]],
  ['公共场所卫生许可', '示例区卫生健康局', 10, [{ name: '卫生许可申请表' }, idMaterial(), { name: '卫生检测报告', sourceType: 'agency' }]],
  ['城乡居民养老保险参保登记', '示例区人力资源和社会保障局', 0, [idMaterial(), hukou]],
  ['失业保险金申领', '示例区人力资源和社会保障局', 5, [idMaterial(), { name: '解除劳动合同证明' }, { name: '银行账户信息', materialType: 'copy' }]],
  ['最低生活保障申请', '示例区民政局', 30, [idMaterial(), hukou, { name: '家庭收入声明', allowPromise: true }]],
  ['残疾人证新办', '示例区残疾人联合会', 20, [idMaterial(), { name: '残疾评定表', sourceType: 'agency' }, { name: '近期免冠照片' }]],
  ['住房公积金提取（租房）', '示例区住房公积金管理部', 3, [idMaterial(), { name: '租房合同或承诺书', allowPromise: true }]],
  ['建设工程规划许可证核发', '示例区自然资源和规划局', 15, [{ name: '建设工程规划许可申请表' }, { name: '建设工程设计方案', sourceType: 'agency' }, { name: '土地权属证明', elicenseType: 'property', sourceType: 'government' }]],
  ['户外广告设置许可', '示例区综合行政执法局', 10, [{ name: '户外广告设置申请表' }, idMaterial(), { name: '设计效果图', allowRongque: true }]],
  ['流动人口婚育证明办理', '示例区卫生健康局', 0, [idMaterial(), marriage]],
  ['律师执业证书补发', '示例区司法局', 10, [idMaterial(), { name: '遗失声明' }]],
].map(([name, dept, days, mats], i) =>
  item({
    id: `11330102MB0000${String(200 + i)}C0001`,
    name: name as string,
    deptName: dept as string,
    promiseLimit: days as number,
    projectType: (days as number) === 0 ? 'instant' : 'promise',
    typeCode: i % 3 === 0 ? '01' : '20',
    materials: [...(mats as MaterialSpec[]), proxyMaterial],
  }),
);

export const newbornBundle: CatalogBundle = {
  id: 'bundle-newborn',
  name: '新生儿出生一件事',
  description: '出生医学证明、户口登记、医保参保、社保卡申领等 9 个事项一次申请、一次办结；结果可免费寄递。',
  promiseLimit: 5,
  promiseUnit: 'workday',
  version: SAMPLE_VERSION,
  status: 'active',
  sample: true,
  items: newbornItems.map((it, i) => ({ itemId: it.id, dependsOn: i >= 4 ? newbornItems[3]!.id : null })),
};

/** Deterministic filler: realistic-looking names across departments, actions and applicant kinds. */
function fillerItems(count: number): CatalogItem[] {
  const depts = ['市场监督管理局', '交通运输局', '住房和城乡建设局', '生态环境局', '文化广电旅游体育局', '农业农村局', '水利局', '应急管理局', '卫生健康局', '教育局', '商务局', '城市管理局', '民政局', '人力资源和社会保障局', '自然资源和规划局', '公安分局', '税务局', '医疗保障局', '退役军人事务局', '林业局'];
  const objects = ['道路运输经营许可', '危险化学品经营许可', '建筑工程施工许可', '排污许可', '娱乐场所经营许可', '农药经营许可', '取水许可', '烟花爆竹经营许可', '医疗机构执业登记', '民办学校办学许可', '酒类商品零售许可', '城市道路占用挖掘许可', '社会团体登记', '劳务派遣经营许可', '临时用地审批', '养犬登记', '发票领用', '定点医药机构申请', '优待证申领', '林木采伐许可', '出版物经营许可', '旅行社设立许可', '渔业捕捞许可', '水土保持方案审批', '特种设备使用登记', '药品经营许可', '网络预约出租汽车运输证', '燃气经营许可', '建筑业企业资质', '人力资源服务许可'];
  const actions = ['新办', '变更', '延续', '注销', '补证', '换证', '年度报告', '信息查询', '备案', '撤回申请'];
  const scopes = ['', '（个人）', '（企业）', '（分支机构）', '（跨区域）'];
  const out: CatalogItem[] = [];
  let n = 0;
  outer: for (const scope of scopes)
    for (const action of actions)
      for (const [oi, object] of objects.entries())
        for (let level = 0; level < 10; level++) {
          if (out.length >= count) break outer;
          const dept = depts[oi % depts.length]!;
          const suffix = level === 0 ? '' : ['', '（市级）', '（区级）', '（乡镇）', '（承诺制）', '（告知承诺）', '（简易程序）', '（一般程序）', '（网办）', '（代办）'][level]!;
          n++;
          const days = [0, 3, 5, 10, 15, 20][n % 6]!;
          out.push(
            item({
              id: `F${String(n).padStart(6, '0')}330102`,
              catalogCode: `9${String(oi).padStart(3, '0')}${String(actions.indexOf(action)).padStart(2, '0')}${String(level).padStart(2, '0')}000`,
              name: `${object}${action}${scope}${suffix}`,
              deptName: `示例区${dept}`,
              promiseLimit: days,
              projectType: days === 0 ? 'instant' : 'promise',
              typeCode: n % 4 === 0 ? '20' : '01',
              canMail: n % 2 === 0,
              materials: [{ name: `${object}${action}申请表` }, idMaterial(), { name: '相关证明材料', materialType: 'copy', allowRongque: n % 3 === 0 }],
              fields: applicantFields.slice(0, 3),
            }),
          );
        }
  return out;
}

export const sampleGuides = { gtgsh, dyqdj, newbornItems };

export function sampleCatalog(targetSize = 15_000): { items: CatalogItem[]; bundles: CatalogBundle[]; version: string } {
  const named = [gtgsh, dyqdj, ...newbornItems, ...commonItems];
  return { items: [...named, ...fillerItems(targetSize - named.length)], bundles: [newbornBundle], version: `sample-${SAMPLE_VERSION}` };
}
