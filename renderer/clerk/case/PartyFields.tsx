import { Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import type { Party } from '../../../shared/contract/cases';
import { certTypes, checkCertNo } from './party';

/** 申请人 or 经办人: name, certificate, contact; the certificate number is checked as it is typed. */
export function PartyFields(props: { party: Party; onChange: (p: Party) => void; role: 'applicant' | 'agent'; serverErrors?: Record<string, string> }) {
  const { party, onChange, role } = props;
  const check = checkCertNo(party);
  const serverError = props.serverErrors?.[`${role}.certNo`];
  const set = (patch: Partial<Party>) => onChange({ ...party, ...patch });
  const org = party.kind === 'org';
  return (
    <Form layout="vertical" size="middle" className="party-form">
      <Row gutter={12}>
        {role === 'applicant' && (
          <Col span={24}>
            <Radio.Group
              value={party.kind}
              onChange={(e) => set({ kind: e.target.value as Party['kind'], certType: e.target.value === 'org' ? '001' : '111' })}
              options={[
                { value: 'person', label: '自然人' },
                { value: 'org', label: '法人' },
              ]}
              optionType="button"
              size="small"
              style={{ marginBottom: 8 }}
            />
          </Col>
        )}
        <Col span={6}>
          <Form.Item label={org ? '单位名称' : '姓名'} required validateStatus={props.serverErrors?.[`${role}.name`] ? 'error' : ''} help={props.serverErrors?.[`${role}.name`]}>
            <Input value={party.name} onChange={(e) => set({ name: e.target.value })} aria-label={`${role === 'agent' ? '经办人' : '申请人'}姓名`} maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label="证件类型">
            <Select value={party.certType} onChange={(v) => set({ certType: v })} options={certTypes.filter((c) => (org ? c.value === '001' : c.value !== '001'))} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item
            label="证件号码"
            required
            validateStatus={check.error || serverError ? 'error' : check.warning ? 'warning' : ''}
            help={check.error ?? serverError ?? check.warning}
          >
            <Input
              value={party.certNo}
              onChange={(e) => set({ certNo: e.target.value.trim().toUpperCase() })}
              aria-label={`${role === 'agent' ? '经办人' : '申请人'}证件号码`}
              maxLength={40}
              className="mono"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="联系电话">
            <Input value={party.phone ?? ''} onChange={(e) => set({ phone: e.target.value })} maxLength={30} aria-label={`${role === 'agent' ? '经办人' : '申请人'}电话`} />
          </Form.Item>
        </Col>
        {role === 'applicant' && (
          <>
            <Col span={16}>
              <Form.Item label={org ? '住所' : '联系地址'} style={{ marginBottom: 4 }}>
                <Input value={party.address ?? ''} onChange={(e) => set({ address: e.target.value })} maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 8 }}>
              <Checkbox checked={party.consentReuse === true} onChange={(e) => set({ consentReuse: e.target.checked })}>
                申请人同意下次复用电话和地址
              </Checkbox>
            </Col>
          </>
        )}
      </Row>
    </Form>
  );
}
