/** The catalogue as the services hold it; rows of migration 0020 in camelCase. */
export interface CatalogMaterial {
  id: string;
  name: string;
  sharedKey: string | null;
  necessity: 'required' | 'optional' | 'conditional';
  materialType: 'original' | 'copy' | 'originalAndCopy';
  format: 'paper' | 'electronic' | 'both';
  copies: number;
  sourceType: 'applicant' | 'government' | 'agency' | 'other';
  acceptStandard: string;
  allowRongque: boolean;
  allowPromise: boolean;
  elicenseType: string | null;
  blankFormRef: string | null;
  sampleRef: string | null;
  note: string;
}

export interface CatalogField {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'phone' | 'idNumber' | 'creditCode' | 'address';
  required: boolean;
  options: string[];
  prefill: string | null;
  maxLength: number | null;
}

export interface CatalogItem {
  id: string;
  catalogCode: string;
  taskCode: string;
  handleItemCode: string | null;
  name: string;
  typeCode: string;
  deptName: string;
  deptCode: string | null;
  acceptCondition: string;
  legalLimit: number;
  legalUnit: 'workday' | 'day';
  promiseLimit: number;
  promiseUnit: 'workday' | 'day';
  projectType: 'instant' | 'promise';
  fees: { name: string; standard: string }[];
  visits: number;
  handleArea: 'city' | 'province' | 'nation';
  canMail: boolean;
  specialProcedure: string;
  resultName: string;
  transactAddr: string;
  transactTime: string;
  linkWay: string;
  remitNote: string;
  version: number;
  status: 'active' | 'withdrawn';
  sample: boolean;
  materials: CatalogMaterial[];
  fields: CatalogField[];
}

export interface CatalogBundle {
  id: string;
  name: string;
  description: string;
  promiseLimit: number;
  promiseUnit: 'workday' | 'day';
  version: number;
  status: 'active' | 'withdrawn';
  sample: boolean;
  items: { itemId: string; dependsOn: string | null }[];
}
