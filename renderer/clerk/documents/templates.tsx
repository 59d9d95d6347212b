import type { ReactNode } from 'react';
import type { CaseDocument } from '../../../shared/contract/cases';
import { maskIdNumber } from '../../../shared/domain/redact';
import { chineseDate, type DocModel, plainDate, plainDateTime, promiseText, readDocument } from './document-model';
import { Lookup, MaterialsTable, NameTable, PartyTable, Salutation, Sheet, SignLine } from './parts';

const itemsText = (d: DocModel) => `「${d.items.join('」「')}」`;
const dueSentence = (d: DocModel) =>
  d.promiseLimit === 0
    ? '本事项为即办件，当场办结。'
    : `本事项承诺办理时限为${promiseText(d)}，预计于${plainDate(d.promiseDue)}前办结（特别程序所需时间不计算在内）。`;

/** 受理通知书: accepted; full ID number (a decision on the application, kept by the applicant). */
function Acceptance({ d }: { d: DocModel }) {
  return (
    <Sheet d={d}>
      <Salutation d={d} />
      <p>
        你于{plainDate(d.issuedOn)}提出的{itemsText(d)}申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。
      </p>
      <PartyTable d={d} fullCertNo />
      <MaterialsTable materials={d.materials} />
      <p>{dueSentence(d)}办结后请凭本通知书原件及本人身份证件领取办理结果；委托他人领取的，须另持委托书及受托人身份证件。</p>
    </Sheet>
  );
}

/** 收件凭证: materials received before a decision; a receipt, so the ID number is masked. */
function Receipt({ d }: { d: DocModel }) {
  return (
    <Sheet d={d}>
      <Salutation d={d} />
      <p>
        你申请办理{itemsText(d)}所提交的下列材料已于{plainDateTime(d.issuedAt)}收到。我们将对材料进行审查，并于{plainDate(d.noticeDue) || '五个工作日内'}
        前作出是否受理的决定；材料不齐全或者不符合法定形式的，将一次性告知需要补正的全部内容。
      </p>
      <PartyTable d={d} fullCertNo={false} />
      <MaterialsTable materials={d.materials} />
      <p>本凭证仅证明窗口已收到上述材料，不表示申请已被受理。请妥善保管，查询及领取时出示。</p>
    </Sheet>
  );
}

/** 一次性告知书: every owed material, nothing else; masked ID (a slip, often photographed). */
function Correction({ d }: { d: DocModel }) {
  return (
    <Sheet d={d}>
      <Salutation d={d} />
      <p>
        你申请办理{itemsText(d)}，经审查，提交的申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知需要补正的全部内容如下：
      </p>
      <PartyTable d={d} fullCertNo={false} />
      <table className="doc-table doc-materials doc-owed">
        <caption>需要补正的材料</caption>
        <thead>
          <tr>
            <th className="doc-col-no">序号</th>
            <th>材料名称</th>
            <th>补正要求</th>
            <th className="doc-col-count">份数</th>
          </tr>
        </thead>
        <tbody>
          {d.owed.map((o, i) => (
            <tr key={`${o.name}-${i}`} data-material={o.name}>
              <td className="doc-center">{i + 1}</td>
              <td>{o.name}</td>
              <td>{o.problem === '未提交' ? '未提交，请补充提交' : o.problem}</td>
              <td className="doc-center">{o.copies}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.note && <p>其他说明：{d.note}</p>}
      <p>请按上述要求补齐、补正全部材料后，携带本告知书到{d.hallName}办理。补正材料所需时间不计算在办理时限内。</p>
    </Sheet>
  );
}

/** 不予受理决定书: reason, competent agency, remedies; full ID number (a legal decision). */
function Refusal({ d }: { d: DocModel }) {
  return (
    <Sheet d={d}>
      <Salutation d={d} />
      <p>你于{plainDate(d.issuedOn)}提出的{itemsText(d)}申请，经审查，根据《中华人民共和国行政许可法》第三十二条的规定，决定不予受理。</p>
      <p>理由：{/[。！；.]$/.test(d.reason) ? d.reason : `${d.reason}。`}</p>
      {d.competentAuthority && <p>该申请事项依法不属于本机关职权范围，请向{d.competentAuthority}提出申请。</p>}
      <PartyTable d={d} fullCertNo />
      <p>{d.remedy}</p>
    </Sheet>
  );
}

/** 容缺受理通知书, 一式两份: the applicant's copy and the window's file copy (full ID number). */
function Rongque({ d }: { d: DocModel }) {
  const copy = (label: string, fileCopy: boolean) => (
    <Sheet key={label} d={d} copyLabel={label}>
      <Salutation d={d} />
      <p>
        你提出的{itemsText(d)}申请，经审查，主要申请材料齐全、符合法定形式，下列次要材料暂缺或存在瑕疵。根据容缺受理的有关规定，并依据你签署的《申请容缺受理承诺书》，决定予以容缺受理。
      </p>
      <PartyTable d={d} fullCertNo />
      <NameTable caption="容缺材料" names={d.rongqueMaterials} extraHead="补齐期限" extra={plainDate(d.rongqueDeadline)} />
      <MaterialsTable materials={d.materials.filter((m) => m.state !== 'rongque')} />
      <p>
        请于{plainDate(d.rongqueDeadline)}前补齐上述容缺材料。逾期未补齐或者补齐的材料不符合要求的，终止办理；已作出审批决定的，依法撤销。{dueSentence(d)}
      </p>
      {fileCopy && <SignLine label="申请人签收" />}
    </Sheet>
  );
  return (
    <>
      {copy('第一联　申请人留存', false)}
      {copy('第二联　窗口存档', true)}
    </>
  );
}

/** 申请容缺受理承诺书: signed by the applicant, so it shows the full number they sign for. */
function RongqueCommitment({ d }: { d: DocModel }) {
  return (
    <Sheet d={d}>
      <p>
        本人{d.applicant.name}（证件号码：{d.applicant.certNo}）申请办理{itemsText(d)}。因下列材料暂缺或存在瑕疵，申请容缺受理，并郑重承诺：
      </p>
      <NameTable caption="容缺材料" names={d.rongqueMaterials} extraHead="补齐期限" extra={plainDate(d.rongqueDeadline)} />
      <ol className="doc-list">
        <li>于{plainDate(d.rongqueDeadline)}前补齐上述全部材料，补齐的材料真实、合法、有效；</li>
        <li>已提交的申请材料及所填写的信息真实、准确、完整；</li>
        <li>逾期未补齐或者补齐的材料不符合要求的，自愿接受终止办理、撤销审批决定等处理，并承担由此产生的法律责任；</li>
        <li>本人不存在被列入失信联合惩戒对象名单的情形。</li>
      </ol>
      <SignLine label="承诺人（签名）" image={d.signature} date={chineseDate(d.issuedOn)} />
    </Sheet>
  );
}

/** 告知承诺书 (国办发〔2020〕42号): 证明义务, 证明内容, 承诺方式, 法律责任; signed, full number. */
function PromiseLetter({ d }: { d: DocModel }) {
  return (
    <Sheet d={d}>
      <p>
        申请人：{d.applicant.name}（证件号码：{d.applicant.certNo}）{'\u3000'}申请事项：{itemsText(d)}
      </p>
      <NameTable caption="以告知承诺方式替代的证明材料" names={d.promised} />
      <h2 className="doc-h2">一、证明义务</h2>
      <p>申请人应当符合上述证明事项所证明的条件。行政机关已将证明义务、证明内容告知申请人，申请人自愿选择以告知承诺方式办理。</p>
      <h2 className="doc-h2">二、承诺方式</h2>
      <p>申请人以书面形式作出承诺，承诺已经知晓告知的全部内容，所承诺的内容真实、准确，并愿意接受行政机关的核查。</p>
      <h2 className="doc-h2">三、法律责任</h2>
      <p>
        申请人作出不实承诺的，行政机关将终止办理，已作出的行政决定依法予以撤销，并将不实承诺的情况记入信用记录；涉嫌违法犯罪的，依法追究法律责任。
      </p>
      <SignLine label="承诺人（签名）" image={d.signature} date={chineseDate(d.issuedOn)} />
    </Sheet>
  );
}

/** 办理结果领取登记 / 邮寄登记: window registers; the collector's number is already masked. */
function Handover({ d }: { d: DocModel }) {
  const del = d.delivery;
  const mail = d.docType === 'mailing';
  const collector = (del.collector ?? {}) as { role?: string; name?: string; certNo?: string };
  const rows: [string, ReactNode][] = [
    ['受理号', d.caseNo],
    ['办理事项', d.items.join('；')],
    ['申请人', `${d.applicant.name}（${maskIdNumber(d.applicant.certNo)}）`],
    ...(mail
      ? ([
          ['取件方式', '免费寄递'],
          ['收件人', String(del.recipient ?? '')],
          ['联系电话', String(del.phone ?? '')],
          ['邮寄地址', String(del.address ?? '')],
          ['运单号', String(del.waybillNo ?? '')],
          ['寄出时间', plainDateTime(String(del.at ?? d.issuedAt))],
        ] as [string, ReactNode][])
      : ([
          ['取件方式', '窗口领取'],
          ['领取人', `${collector.name ?? ''}（${collector.role === 'agent' ? '代领' : '本人'}）`],
          ['领取人证件号码', collector.certNo ?? ''],
          ...(collector.role === 'agent' ? ([['委托书', del.powerOfAttorney ? '已核验原件' : '未核验']] as [string, ReactNode][]) : []),
          ['领取时间', plainDateTime(String(del.at ?? d.issuedAt))],
        ] as [string, ReactNode][])),
  ];
  return (
    <Sheet d={d}>
      <table className="doc-table doc-register">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{mail ? '办理结果已交寄，申请人可凭运单号查询寄递进度。' : '领取人已核对办理结果无误，当场签收。'}</p>
      <SignLine label={mail ? '经办人（签名）' : '领取人（签名）'} image={mail ? undefined : d.signature} date={chineseDate(d.issuedOn)} />
    </Sheet>
  );
}

const templates: Record<string, (p: { d: DocModel }) => ReactNode> = {
  acceptance: Acceptance,
  receipt: Receipt,
  correction: Correction,
  refusal: Refusal,
  rongque: Rongque,
  rongqueCommitment: RongqueCommitment,
  promise: PromiseLetter,
  handover: Handover,
  mailing: Handover,
};

/** The A4 pages of one document (two for 容缺受理通知书). */
export function DocumentSheets({ doc }: { doc: CaseDocument }) {
  const d = readDocument(doc);
  const T = templates[doc.docType];
  if (!T)
    return (
      <Sheet d={d}>
        <p>本文书暂无打印模板，请联系系统管理员。</p>
        <Lookup d={d} />
      </Sheet>
    );
  return <T d={d} />;
}

/** How many A4 sheets one copy of a document takes. */
export const sheetsPerCopy = (doc: CaseDocument): number => (doc.docType === 'rongque' ? 2 : 1);
