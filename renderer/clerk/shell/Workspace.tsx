import { Tabs } from 'antd';
import { useState } from 'react';
import { CaseWorkspace } from '../case/CaseWorkspace';
import { CasesBrowser } from '../case/CasesBrowser';

/** The main workspace: 受理 (the acceptance flow) and 办件查询/出件. */
export function Workspace() {
  const [tab, setTab] = useState('accept');
  return (
    <main className="workspace">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        className="workspace-tabs"
        items={[
          { key: 'accept', label: '办件受理', children: <CaseWorkspace /> },
          { key: 'cases', label: '办件查询 / 出件', children: <CasesBrowser active={tab === 'cases'} /> },
        ]}
      />
    </main>
  );
}
