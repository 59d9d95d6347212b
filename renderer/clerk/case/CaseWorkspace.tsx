import { FileAddOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Space, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CatalogFieldDef, SearchHit } from '../../../shared/contract/catalog';
import type { CaseDocument, Party } from '../../../shared/contract/cases';
import { AppError } from '../../../shared/contract/errors';
import { maskIdNumber } from '../../../shared/domain/redact';
import { call, onEvent } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { useIdCardReads } from '../idcard/useIdCard';
import { CaseForm, fieldError, mergeFields, prefillValue } from './CaseForm';
import { type Decide, DecisionBar } from './DecisionBar';
import { DecisionDone } from './DecisionDone';
import { ItemPicker } from './ItemPicker';
import { MaterialsChecklist } from './MaterialsChecklist';
import { PartyFields } from './PartyFields';
import { cardWarnings, checkCertNo, emptyParty, partyFromCard } from './party';
import { askForRating, useCustomerView } from './customer-screen';
import { ShortcutHelp } from './ShortcutHelp';
import { useCaseDraft } from './useCaseDraft';

/** The acceptance flow: applicant → items → materials → form → decision → documents. */
export function CaseWorkspace() {
  const { message } = App.useApp();
  const draft = useCaseDraft();
  const d = draft.detail;
  const [applicant, setApplicant] = useState<Party>(emptyParty());
  const [agent, setAgent] = useState<Party | null>(null);
  const [form, setForm] = useState<Record<string, string | number | null>>({});
  const [fields, setFields] = useState<CatalogFieldDef[]>([]);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<CaseDocument[] | null>(null);
  const [cardNotes, setCardNotes] = useState<string[]>([]);
  useCustomerView(d);
  const [cardTarget, setCardTarget] = useState<'applicant' | 'agent'>('applicant');
  const [changingItems, setChangingItems] = useState(false);

  // A restored draft (reload, crash) brings its inputs back.
  useEffect(() => {
    if (!d) return;
    setApplicant((a) => (a.certNo || a.name ? a : d.applicant));
    setAgent((g) => g ?? d.agent);
    setForm((f) => (Object.keys(f).length ? f : d.form));
  }, [d]);

  const itemKey = d?.items.map((i) => i.itemId).join(',') ?? '';
  useEffect(() => {
    if (!itemKey) return setFields([]);
    let live = true;
    Promise.all(itemKey.split(',').map((id) => call('catalog.item', { id }))).then((items) => live && setFields(mergeFields(items.map((i) => i.fields))), () => undefined);
    return () => {
      live = false;
    };
  }, [itemKey]);

  const editable = d ? ['draft', 'received', 'correcting', 'corrected'].includes(d.status) && done === null : true;
  const itemsEditable = !d || (d.status === 'draft' && done === null);

  const changeApplicant = (p: Party) => {
    setApplicant(p);
    setServerErrors({});
    void draft.update({ applicant: p });
  };
  const changeAgent = (p: Party | null) => {
    setAgent(p);
    void draft.update({ agent: p }, true);
  };

  // The ID-card read fills the applicant (or the agent when the clerk chose so), with no click.
  useIdCardReads((card) => {
    if (!editable) return;
    setCardNotes(cardWarnings(card));
    if (cardTarget === 'agent' && agent) {
      const p = partyFromCard(card, agent);
      changeAgent(p);
    } else {
      const p = partyFromCard(card, applicant);
      call('applicants.lookup', { certType: p.certType, certNo: p.certNo }).then(
        (known) => changeApplicant(known.found ? { ...p, phone: known.phone ?? p.phone ?? '', address: p.address || known.address || '', consentReuse: known.phone !== undefined || known.address !== undefined } : p),
        () => changeApplicant(p),
      );
    }
  });

  // A called ticket opens a fresh draft (with the appointment's applicant, if any).
  useEffect(
    () =>
      onEvent('queue.ticketCalled', (e) => {
        if (e.recall || (d && d.status === 'draft' && (d.items.length > 0 || d.applicant.name))) return;
        const appt = (e.ticket as { appointment?: { name?: string; idNo?: string } | null }).appointment;
        const p = appt?.name ? { ...emptyParty(), name: appt.name, certNo: appt.idNo ?? '' } : emptyParty();
        void newCase(p, (e.ticket as { label?: string }).label ?? null);
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [d],
  );

  const newCase = useCallback(
    async (p: Party = emptyParty(), ticketNo: string | null = null) => {
      setApplicant(p);
      setAgent(null);
      setForm({});
      setDone(null);
      setServerErrors({});
      setCardNotes([]);
      setCardTarget('applicant');
      await draft.start({ applicant: p, ticketNo }).catch((e: unknown) => message.error(describeFailure(e).message));
    },
    [draft, message],
  );

  const pick = (hit: SearchHit) => {
    setChangingItems(false);
    void draft.update(hit.kind === 'bundle' ? { bundleId: hit.id } : { itemIds: [hit.id], bundleId: null }, true).catch((e: unknown) => message.error(describeFailure(e).message));
  };

  const setMaterial = (key: string, state: CaseDocument['docType'] | string, note?: string) =>
    void draft.update({ materials: [{ key, state: state as 'paper', ...(note !== undefined ? { note } : {}) }] }, true).catch((e: unknown) => {
      const f = describeFailure(e);
      message.error(f.hint ? `${f.message}${f.hint}` : f.message);
    });

  const allPaper = () => {
    if (!d) return;
    const patch = d.materials.filter((m) => m.necessity === 'required' && m.state === 'missing').map((m) => ({ key: m.key, state: 'paper' as const }));
    if (patch.length) void draft.update({ materials: patch }, true);
  };

  const formValues = useMemo(() => {
    const v: Record<string, string | number | null> = {};
    for (const f of fields) v[f.key] = form[f.key] ?? prefillValue(f, applicant) ?? null;
    return v;
  }, [fields, form, applicant]);
  const formErrors = fields.filter((f) => fieldError(f, formValues[f.key])).length;
  const partyError = !applicant.name.trim()
    ? '请填写申请人姓名（或刷身份证）'
    : (checkCertNo(applicant).error ?? (!applicant.certNo ? '请填写申请人证件号码' : agent && checkCertNo(agent).error ? `经办人：${checkCertNo(agent).error}` : null));

  const decide: Decide = async (run) => {
    try {
      // What the form shows (including prefilled values) is what the case records.
      await draft.update({ applicant, agent, form: formValues }, true);
      const r = await run();
      draft.setDetail(r.case);
      setDone(r.documents);
      message.success(`${r.case.statusLabel}：受理号 ${r.case.caseNo ?? ''}`);
      void askForRating(r.case, 'accept').then((note) => {
          if (note) void message.info(note);
        });
    } catch (e) {
      if (e instanceof AppError && e.fields) setServerErrors(e.fields);
      const f = describeFailure(e);
      message.error(f.hint ? `${f.message}${f.hint}` : f.message, 6);
    }
  };

  // Keys: F9 new case (F1–F6 belong to the queue panel), F8 受理, Alt+A all required materials received on paper.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        void newCase();
      } else if (e.key === 'F8' && d) {
        e.preventDefault();
        (document.querySelector('[data-action="accept"]:not([disabled])') as HTMLButtonElement | null)?.click();
      } else if (e.altKey && (e.key === 'a' || e.key === 'A')) {
        e.preventDefault();
        allPaper();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!d) {
    return (
      <Card className="workspace-card">
        <Result
          icon={<FileAddOutlined />}
          title="等待办件"
          subTitle="叫号或刷身份证后开始受理；也可以直接新建办件。"
          extra={
            <Space>
              <Button type="primary" size="large" onClick={() => void newCase()}>
                新建办件（F9）
              </Button>
              <ShortcutHelp />
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <div className="case-workspace">
      <Card
        size="small"
        title={
          <Space>
            <span>{d.caseNo ? `受理号 ${d.caseNo}` : '新办件（草稿）'}</span>
            <Tag color={d.status === 'draft' ? 'default' : 'blue'}>{d.statusLabel}</Tag>
            {d.ticketNo && <Tag color="geekblue">排队号 {d.ticketNo}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {draft.saving ? '正在保存…' : draft.failure ? '保存失败，稍后自动重试' : '已自动保存'}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <ShortcutHelp />
            <Button onClick={() => void newCase()} icon={<FileAddOutlined />}>
              新建办件（F9）
            </Button>
          </Space>
        }
      >
        {draft.failure !== null && <Alert type="error" showIcon title={describeFailure(draft.failure).message} description={describeFailure(draft.failure).hint} style={{ marginBottom: 8 }} />}
        {cardNotes.map((n) => (
          <Alert key={n} type="warning" showIcon title={n} style={{ marginBottom: 8 }} />
        ))}
        <section className="case-section">
          <Typography.Title level={5}>申请人 {applicant.certNo && <Typography.Text type="secondary">（{maskIdNumber(applicant.certNo)}）</Typography.Text>}</Typography.Title>
          <PartyFields party={applicant} onChange={changeApplicant} role="applicant" serverErrors={serverErrors} />
          <Space style={{ marginBottom: 8 }}>
            <Switch checked={agent !== null} disabled={!editable} onChange={(on) => changeAgent(on ? emptyParty() : null)} aria-label="经办人代办" />
            <span>由经办人（代办人）代为办理</span>
            {agent && (
              <Button size="small" icon={<UserSwitchOutlined />} type={cardTarget === 'agent' ? 'primary' : 'default'} onClick={() => setCardTarget((t) => (t === 'agent' ? 'applicant' : 'agent'))}>
                {cardTarget === 'agent' ? '读卡填入：经办人' : '读卡填入：申请人'}
              </Button>
            )}
          </Space>
          {agent && <PartyFields party={agent} onChange={changeAgent} role="agent" serverErrors={serverErrors} />}
        </section>
        <section className="case-section">
          <Typography.Title level={5}>
            办理事项 {d.bundle && <Tag color="purple">一件事：{d.bundle.name}</Tag>}
          </Typography.Title>
          {d.items.length > 0 && (
            <Space wrap style={{ marginBottom: 8 }}>
              {d.items.map((i) => (
                <Tag key={i.itemId} color="blue">
                  {i.name}
                </Tag>
              ))}
              {d.promiseLimit !== null && <Typography.Text type="secondary">承诺时限：{d.promiseLimit === 0 ? '即办' : `${d.promiseLimit} 个工作日`}</Typography.Text>}
              {itemsEditable && !changingItems && (
                <Button size="small" onClick={() => setChangingItems(true)}>
                  更换事项
                </Button>
              )}
            </Space>
          )}
          {itemsEditable && (d.items.length === 0 || changingItems) && <ItemPicker onPick={pick} autoFocus />}
        </section>
        {d.items.length > 0 && (
          <>
            <section className="case-section">
              <Typography.Title level={5}>申请材料</Typography.Title>
              <MaterialsChecklist detail={d} readOnly={!editable} onSet={setMaterial} onAllPaper={allPaper} />
            </section>
            {fields.length > 0 && (
              <section className="case-section">
                <Typography.Title level={5}>申请表（一张表单）</Typography.Title>
                <CaseForm
                  fields={fields}
                  values={formValues}
                  applicant={applicant}
                  readOnly={!editable}
                  onChange={(k, v) => {
                    setForm((f) => ({ ...f, [k]: v }));
                    void draft.update({ form: { [k]: v } });
                  }}
                />
              </section>
            )}
          </>
        )}
      </Card>
      {done !== null ? (
        <DecisionDone detail={d} documents={done} onNext={() => void newCase()} />
      ) : (
        d.items.length > 0 && <DecisionBar detail={d} formErrors={formErrors} partyError={partyError} decide={decide} />
      )}
    </div>
  );
}
