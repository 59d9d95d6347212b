import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Modal, Table } from 'antd';
import { useEffect, useState } from 'react';

/** Every key the workspace answers to, in one place: what a new clerk asks for on day one. */
const shortcuts: [string, string][] = [
  ['F1', '叫下一位'],
  ['F2', '重呼当前号'],
  ['F3', '过号'],
  ['F4', '开始办理'],
  ['F6', '办结当前号（记录本号产生的受理号）'],
  ['F9', '新建办件'],
  ['F8', '受理（条件满足时）'],
  ['Alt + A', '必要材料全部标为“纸质”已收'],
  ['↑ ↓ 回车', '在事项搜索结果中选择'],
  ['回车', '打印预览中：打印'],
  ['F10', '再次打开打印预览'],
  ['Esc', '关闭对话框或抽屉'],
  ['Ctrl + /', '显示本快捷键表'],
];

export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === '/') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button icon={<QuestionCircleOutlined />} onClick={() => setOpen(true)}>
        快捷键
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title="快捷键" width={460} centered>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r[0]}
          dataSource={shortcuts}
          columns={[
            { title: '按键', dataIndex: 0, width: 120, render: (k: string) => <kbd className="kbd">{k}</kbd> },
            { title: '作用', dataIndex: 1 },
          ]}
        />
      </Modal>
    </>
  );
}
