import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/tmp';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { EventHub } from '../events';
import { SettingsService } from './settings-service';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function open() {
  const tmp = makeTempDir();
  const db = openDatabase(`${tmp.dir}/window.sqlite`);
  migrate(db, migrations);
  cleanups.push(() => {
    db.close();
    tmp.cleanup();
  });
  return { db, service: new SettingsService(db, new EventHub()) };
}

describe('settings patches', () => {
  it('change only what was sent: patching the camera keeps the ID-card reader and the scanner', () => {
    const { service } = open();
    service.update({ devices: { idcard: { driver: 'samSerial', port: '/dev/ttyUSB0' }, scanner: { kind: 'escl', address: 'http://10.0.0.9/eSCL' } } });
    const after = service.update({ devices: { camera: { deviceId: 'cam-1' } } });
    expect(after.devices.camera.deviceId).toBe('cam-1');
    expect(after.devices.idcard).toMatchObject({ driver: 'samSerial', port: '/dev/ttyUSB0', readNewestAddress: true });
    expect(after.devices.scanner).toMatchObject({ kind: 'escl', address: 'http://10.0.0.9/eSCL' });
  });

  it('a nested field alone leaves its siblings as stored', () => {
    const { service } = open();
    service.update({ auth: { offlineDays: 3, idleLockMinutes: 10, lockoutMinutes: 30 } });
    const after = service.update({ auth: { idleLockMinutes: 2 } } as never);
    expect(after.auth).toEqual({ offlineDays: 3, idleLockMinutes: 2, lockoutMinutes: 30 });
    service.update({ devices: { idcard: { port: 'COM3' } } } as never);
    expect(service.get().devices.idcard.port).toBe('COM3');
  });

  it('survives a reopen, and a refused value changes nothing', () => {
    const { db, service } = open();
    service.update({ windowNo: 7, hallName: '示例大厅' });
    expect(() => service.update({ windowNo: 100 })).toThrow();
    const again = new SettingsService(db, new EventHub());
    expect(again.get()).toMatchObject({ windowNo: 7, hallName: '示例大厅' });
  });
});
