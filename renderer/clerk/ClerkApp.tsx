import { Alert, Button, Spin } from 'antd';
import { useState } from 'react';
import { describeFailure } from '../lib/errors';
import { useSettings } from '../lib/useSettings';
import './auth/auth.css';
import { AuthGate } from './auth/AuthGate';
import { SessionMenu } from './auth/SessionMenu';
import { FollowUpsPage } from './ratings/FollowUpsPage';
import { SettingsPage } from './settings/SettingsPage';
import { QueuePanel } from './shell/QueuePanel';
import { TopBar } from './shell/TopBar';
import { Workspace } from './shell/Workspace';

type View = 'workspace' | 'settings' | 'followUps';

export function ClerkApp() {
  const { settings, error } = useSettings();
  const [view, setView] = useState<View>('workspace');
  if (error) {
    const f = describeFailure(error);
    return <Alert type="error" showIcon title={f.message} description={f.hint} style={{ margin: 24 }} />;
  }
  if (!settings) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} tip="正在连接本机服务…" fullscreen />;
  return (
    <AuthGate settings={settings}>
      {(session) => {
        const role = session.account?.role;
        // The page follows the role; the services refuse the same calls regardless.
        const shown = (view === 'settings' && role !== 'admin') || (view === 'followUps' && role === 'clerk') ? 'workspace' : view;
        return (
          <div className="clerk-frame">
            <TopBar
              settings={{ ...settings, clerkName: session.account?.name ?? settings.clerkName }}
              {...(role === 'admin' ? { onOpenSettings: () => setView('settings') } : {})}
              extra={
                <>
                  {role !== 'clerk' && <Button onClick={() => setView('followUps')}>差评回访</Button>}
                  <SessionMenu session={session} />
                </>
              }
            />
            <div className="clerk-body">
              <QueuePanel />
              {shown === 'settings' ? (
                <SettingsPage settings={settings} onClose={() => setView('workspace')} />
              ) : shown === 'followUps' ? (
                <FollowUpsPage onClose={() => setView('workspace')} />
              ) : (
                <Workspace />
              )}
            </div>
          </div>
        );
      }}
    </AuthGate>
  );
}
