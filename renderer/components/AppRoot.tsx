import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

dayjs.locale('zh-cn');

const theme = {
  token: {
    colorPrimary: '#1d5fbf',
    borderRadius: 4,
    fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif',
    fontSize: 14,
  },
};

/** Mounts a page with the zh_CN locale and the hall's theme. */
export function mount(node: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) return;
  createRoot(el).render(
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{node}</AntApp>
    </ConfigProvider>,
  );
}
