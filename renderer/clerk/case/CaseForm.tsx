import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { CatalogFieldDef } from '../../../shared/contract/catalog';
import type { Party } from '../../../shared/contract/cases';
import { checkCertNo } from './party';

type Value = string | number | null;

/** Fields of several items merged by key (一张表单): a field two items ask for appears once. */
export function mergeFields(lists: CatalogFieldDef[][]): CatalogFieldDef[] {
  const out = new Map<string, CatalogFieldDef>();
  for (const list of lists)
    for (const f of list) {
      const prev = out.get(f.key);
      out.set(f.key, prev ? { ...prev, required: prev.required || f.required } : f);
    }
  return [...out.values()];
}

/** What the applicant already told us fills the form (prefill: applicant.name, applicant.phone …). */
export function prefillValue(f: CatalogFieldDef, applicant: Party): string | undefined {
  const key = f.prefill?.startsWith('applicant.') ? (f.prefill.slice('applicant.'.length) as keyof Party) : null;
  const v = key ? applicant[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function fieldError(f: CatalogFieldDef, v: Value | undefined): string | undefined {
  const empty = v === undefined || v === null || v === '';
  if (empty) return f.required ? `请填写${f.label}` : undefined;
  const s = String(v);
  if (f.kind === 'phone' && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(s)) return '电话号码格式不对（手机 11 位或带区号的座机）';
  if (f.kind === 'idNumber') return checkCertNo({ kind: 'person', name: '', certType: '111', certNo: s }).error;
  if (f.kind === 'creditCode') return checkCertNo({ kind: 'org', name: '', certType: '001', certNo: s }).error;
  if (f.maxLength && s.length > f.maxLength) return `不超过 ${f.maxLength} 个字`;
  return undefined;
}

export function CaseForm(props: { fields: CatalogFieldDef[]; values: Record<string, Value>; applicant: Party; readOnly: boolean; onChange: (key: string, v: Value) => void }) {
  return (
    <Form layout="vertical" size="small" className="case-form">
      <Row gutter={12}>
        {props.fields.map((f) => {
          const value = props.values[f.key] ?? prefillValue(f, props.applicant) ?? null;
          const err = fieldError(f, value);
          const common = { disabled: props.readOnly, 'aria-label': f.label };
          return (
            <Col span={f.kind === 'textarea' || f.kind === 'address' ? 16 : 8} key={f.key}>
              <Form.Item label={f.label} required={f.required} validateStatus={err ? 'error' : ''} help={err}>
                {f.kind === 'select' ? (
                  <Select {...common} value={value as string | null} options={f.options.map((o) => ({ value: o, label: o }))} onChange={(v) => props.onChange(f.key, v)} placeholder="请选择" />
                ) : f.kind === 'number' ? (
                  <InputNumber {...common} value={value as number | null} onChange={(v) => props.onChange(f.key, v)} style={{ width: '100%' }} />
                ) : f.kind === 'textarea' ? (
                  <Input.TextArea {...common} value={(value as string) ?? ''} rows={2} onChange={(e) => props.onChange(f.key, e.target.value)} maxLength={f.maxLength ?? undefined} />
                ) : (
                  <Input {...common} type={f.kind === 'date' ? 'date' : 'text'} value={(value as string) ?? ''} onChange={(e) => props.onChange(f.key, e.target.value)} maxLength={f.maxLength ?? undefined} />
                )}
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </Form>
  );
}
