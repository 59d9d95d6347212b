import { UserOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { CardReadPayload } from '../../../shared/contract/idcard';
import { cardTypeLabel } from '../../../shared/domain/idcard/card';
import { isCardExpired, localToday } from '../../../shared/domain/idcard/numbers';
import { maskIdNumber } from '../../../shared/domain/redact';

/** 最近读卡: what the reader just read, with the ID number masked for the screen. */
export function RecentCardPanel(props: { card: CardReadPayload | null }) {
  const { card } = props;
  if (!card) return <Card size="small" title="最近读卡" className="idcard-recent"><Empty description="尚未读卡：请把证件放在读卡器上" /></Card>;
  const expired = isCardExpired(card.validTo, localToday());
  return (
    <Card size="small" title="最近读卡" className="idcard-recent" extra={<Tag color="blue">{cardTypeLabel[card.cardType]}</Tag>}>
      <Space align="start" size="middle">
        {card.photoDataUrl ? (
          <img className="idcard-photo" src={card.photoDataUrl} alt="证件相片" width={102} height={126} />
        ) : (
          <div className="idcard-photo idcard-photo-placeholder" title="未配置相片解码库，相片不显示">
            <UserOutlined />
            <span>无相片</span>
          </div>
        )}
        <Descriptions size="small" column={1} className="idcard-fields">
          <Descriptions.Item label="姓名">
            <div className="idcard-names">
            <Typography.Text strong data-testid="idcard-name">
              {card.name || card.englishName}
            </Typography.Text>
            {card.name && card.englishName ? (
              <Typography.Text type="secondary" className="idcard-english-name">
                {card.englishName}
              </Typography.Text>
            ) : null}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label="证件号码">
            <span data-testid="idcard-number">{maskIdNumber(card.idNumber)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="有效期限">
            <span className="idcard-validity">
              {card.validFrom} 至 {card.longTerm ? '长期' : card.validTo}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Space>
      {expired ? <Alert type="warning" showIcon title="证件已过有效期" description="请提醒申请人及时换领证件，并按本事项规定决定是否受理。" style={{ marginTop: 8 }} /> : null}
      {card.warnings.map((w) => (
        <Alert key={w} type="info" showIcon title={w} style={{ marginTop: 8 }} />
      ))}
    </Card>
  );
}
