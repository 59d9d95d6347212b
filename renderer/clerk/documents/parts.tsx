import type { ReactNode } from 'react';
import { maskIdNumber } from '../../../shared/domain/redact';
import { certTypeName, chineseDate, type DocMaterial, type DocModel } from './document-model';
import { QrCode } from './QrCode';

/** One A4 sheet: hall and number on top, centred title, body, then the QR and seal footer. */
export function Sheet({ d, copyLabel, children }: { d: DocModel; copyLabel?: string; children: ReactNode }) {
  return (
    <section className="doc-page" data-doc-type={d.docType} data-doc-no={d.docNo}>
      <div className="doc-head">
        <span>{d.hallName}</span>
        <span className="doc-no">编号：{d.docNo}</span>
      </div>
      <h1 className="doc-title">{d.title}</h1>
      {copyLabel && <div className="doc-copy">{copyLabel}</div>}
      <div className="doc-body">{children}</div>
      <Footer d={d} />
    </section>
  );
}

/** QR with 受理号 and 查询密码 on the left, issuing block with the seal on the right. */
export function Footer({ d }: { d: DocModel }) {
  return (
    <div className="doc-footer">
      <Lookup d={d} />
      <Seal d={d} />
    </div>
  );
}

export function Lookup({ d }: { d: DocModel }) {
  if (!d.lookupRef) return <div />;
  return (
    <div className="doc-lookup">
      <QrCode text={d.lookupRef} />
      <div className="doc-lookup-text">
        <div>受理号：{d.caseNo}</div>
        <div>查询密码：{d.queryPassword}</div>
        <div className="doc-small">扫码或登录政务服务网，凭受理号和查询密码查询办理进度</div>
      </div>
    </div>
  );
}

export function Seal({ d }: { d: DocModel }) {
  return (
    <div className="doc-seal">
      <div className="doc-seal-clerk">
        {d.docType === 'handover' || d.docType === 'mailing' ? '经办人' : '受理人'}：{d.clerk || '________'}
        {/* Without a clerk name the service signs with the window itself (「1号窗口」). */}
        {d.windowNo !== null && !d.clerk.includes('窗口') && <span>（{d.windowNo}号窗口）</span>}
      </div>
      {/* The seal is stamped over the office's name and the date, as on a real notice. */}
      <div className="doc-seal-stamp">
        <div className="doc-seal-box">{d.seal}</div>
        <div className="doc-seal-org">{d.hallName}</div>
        <div className="doc-seal-date">{chineseDate(d.issuedOn)}</div>
      </div>
    </div>
  );
}

/**
 * The applicant's certificate number. Whether a template shows it in full is decided per
 * template (domain.md §8): documents that decide on the application or that the applicant signs
 * show it in full, receipts and registers show it masked.
 */
export function certNoFor(d: DocModel, full: boolean): string {
  return full ? d.applicant.certNo : maskIdNumber(d.applicant.certNo);
}

/** 受理号 / 申请人 / 证件 / 电话 / 代理人 / 事项 as a ruled table. */
export function PartyTable({ d, fullCertNo }: { d: DocModel; fullCertNo: boolean }) {
  return (
    <table className="doc-table doc-party">
      <tbody>
        <tr>
          <th>受理号</th>
          <td>{d.caseNo}</td>
          <th>联系电话</th>
          <td>{d.applicant.phone}</td>
        </tr>
        <tr>
          <th>申请人</th>
          <td>{d.applicant.name}</td>
          <th>{certTypeName(d.applicant.certType)}</th>
          <td className="doc-nowrap">{certNoFor(d, fullCertNo)}</td>
        </tr>
        {d.agent && (
          <tr>
            <th>代理人</th>
            <td>{d.agent.name}</td>
            <th>证件号码</th>
            <td className="doc-nowrap">{fullCertNo ? d.agent.certNo : maskIdNumber(d.agent.certNo)}</td>
          </tr>
        )}
        <tr>
          <th>申请事项</th>
          <td colSpan={3}>{d.items.join('；')}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 收取的申请材料 with the way each was given and the count. */
export function MaterialsTable({ materials, caption = '已收取的申请材料' }: { materials: DocMaterial[]; caption?: string }) {
  return (
    <table className="doc-table doc-materials">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th className="doc-col-no">序号</th>
          <th>材料名称</th>
          <th className="doc-col-state">提交方式</th>
          <th className="doc-col-count">份数</th>
          <th className="doc-col-note">备注</th>
        </tr>
      </thead>
      <tbody>
        {materials.map((m, i) => (
          <tr key={`${m.name}-${i}`} data-material={m.name}>
            <td className="doc-center">{i + 1}</td>
            <td>{m.name}</td>
            <td className="doc-center">{m.stateLabel}</td>
            <td className="doc-center">{m.state === 'paper' || m.state === 'paperAndElectronic' ? m.count : '—'}</td>
            <td>{m.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A list of names as a numbered table (容缺 materials, promised certificates). */
export function NameTable({ caption, names, extraHead, extra }: { caption: string; names: string[]; extraHead?: string; extra?: string }) {
  return (
    <table className="doc-table doc-materials">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th className="doc-col-no">序号</th>
          <th>材料名称</th>
          {extraHead && <th className="doc-col-date">{extraHead}</th>}
        </tr>
      </thead>
      <tbody>
        {names.map((n, i) => (
          <tr key={`${n}-${i}`} data-material={n}>
            <td className="doc-center">{i + 1}</td>
            <td>{n}</td>
            {extraHead && <td className="doc-center">{extra}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 申请人：the salutation line of a notice. */
export const Salutation = ({ d }: { d: DocModel }) => <p className="doc-salutation">{d.applicant.name}：</p>;

/** A signature line the applicant fills in by hand, or carrying the signature given on the customer screen. */
export const SignLine = ({ label, image, date }: { label: string; image?: string; date?: string }) => (
  <div className="doc-sign-line">
    {label}：{image ? <img className="doc-signature" src={image} alt="申请人签名" /> : <span className="doc-blank" />}
    日期：{image && date ? <span className="doc-sign-date">{date}</span> : <span className="doc-blank doc-blank-short" />}
  </div>
);
