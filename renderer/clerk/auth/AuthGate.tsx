import { Alert, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { Session } from '../../../shared/contract/auth';
import type { Settings } from '../../../shared/contract/settings';
import { describeFailure } from '../../lib/errors';
import { LockScreen } from './LockScreen';
import { SignInPage } from './SignInPage';
import { useIdleLock } from './useIdleLock';
import { useSession } from './useSession';

/** Nobody works at the window without signing in; an idle window locks itself. */
export function AuthGate(props: { settings: Settings; children: (session: Session) => ReactNode }) {
  const { session, error } = useSession();
  const signedIn = Boolean(session?.account);
  useIdleLock(session?.idleLockMinutes ?? 0, signedIn && !session?.locked);
  if (error) {
    const f = describeFailure(error);
    return <Alert type="error" showIcon title={f.message} description={f.hint} style={{ margin: 24 }} />;
  }
  if (!session) return <Spin size="large" fullscreen tip="正在连接本机服务…" />;
  if (!session.account) return <SignInPage hallName={props.settings.hallName} windowNo={props.settings.windowNo} />;
  return (
    <>
      {props.children(session)}
      {session.locked && <LockScreen session={session} />}
    </>
  );
}
