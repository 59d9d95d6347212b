import { Alert, Spin } from 'antd';
import { useState } from 'react';
import { describeFailure } from '../lib/errors';
import { useSettings } from '../lib/useSettings';
import { SettingsPage } from './settings/SettingsPage';
import { QueuePanel } from './shell/QueuePanel';
import { TopBar } from './shell/TopBar';
import { Workspace } from './shell/Workspace';

type View = 'workspace' | 'settings';

export function ClerkApp() {
  const { settings, error } = useSettings();
  const [view, setView] = useState<View>('workspace');
  if (error) {
    const f = describeFailure(error);
    return <Alert type="error" showIcon title={f.message} description={f.hint} style={{ margin: 24 }} />;
  }
  if (!settings) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} tip="正在连接本机服务…" fullscreen />;
  return (
    <div className="clerk-frame">
      <TopBar settings={settings} onOpenSettings={() => setView('settings')} />
      <div className="clerk-body">
        <QueuePanel />
        {view === 'settings' ? <SettingsPage settings={settings} onClose={() => setView('workspace')} /> : <Workspace />}
      </div>
    </div>
  );
}
