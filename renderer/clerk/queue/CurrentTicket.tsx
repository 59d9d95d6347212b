import { Descriptions, Tag, Typography } from 'antd';
import type { Ticket } from '../../../shared/contract/queue';
import { ticketStateLabel } from '../../../shared/domain/queue/states';

/** The ticket at this window, with 为什么是这一号 and its appointment. */
export function CurrentTicket({ ticket }: { ticket: Ticket }) {
  return (
    <div className="queue-current" aria-label="当前号">
      <div className="queue-current-head">
        <span className="queue-current-label">{ticket.label}</span>
        <Tag color={ticket.state === 'serving' ? 'green' : 'blue'}>{ticketStateLabel[ticket.state]}</Tag>
        {ticket.recalls > 0 && <Tag>重呼 {ticket.recalls} 次</Tag>}
      </div>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="业务">
          {ticket.categoryName}
          {ticket.priorityGroup ? `（${ticket.priorityGroup}）` : ''}
        </Descriptions.Item>
        {ticket.appointment && (
          <Descriptions.Item label="预约">
            {ticket.appointment.name} · {ticket.appointment.itemName}
          </Descriptions.Item>
        )}
      </Descriptions>
      {ticket.callReason && (
        <Typography.Paragraph type="secondary" className="queue-current-reason">
          为什么是这一号：{ticket.callReason}
        </Typography.Paragraph>
      )}
    </div>
  );
}
