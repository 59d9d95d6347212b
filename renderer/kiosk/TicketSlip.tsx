import type { Issued } from '../../shared/contract/queue';

const time = (ms: number) => new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(ms));

/** The printed slip (and what the screen shows meanwhile). */
export function TicketSlip({ issued }: { issued: Issued }) {
  const { ticket } = issued;
  return (
    <section className="ticket-slip" aria-label="号票">
      <div className="ticket-hall">{issued.hallName}</div>
      <div className="ticket-number">{ticket.label}</div>
      <div className="ticket-category">
        {ticket.categoryName}
        {ticket.priorityGroup ? `（${ticket.priorityGroup}）` : ''}
        {ticket.appointment ? '（预约）' : ''}
      </div>
      <div className="ticket-ahead">您前面还有 {issued.peopleAhead} 人等候</div>
      <div className="ticket-time">取号时间：{time(ticket.issuedAt)}</div>
      <div className="ticket-note">请留意叫号屏和语音提示，过号请到窗口说明。</div>
    </section>
  );
}
