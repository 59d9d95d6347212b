import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../lib/client';
import { cameraProblem } from './camera-errors';

export interface CameraState {
  devices: MediaDeviceInfo[];
  deviceId: string;
  stream: MediaStream | null;
  problem: { message: string; hint: string } | null;
}

/**
 * The 高拍仪 stream at the highest resolution it offers (8 MP asked for). The chosen device is
 * remembered in this window's settings, so the next case opens the same camera.
 */
export function useCamera(savedDeviceId: string) {
  const [state, setState] = useState<CameraState>({ devices: [], deviceId: savedDeviceId, stream: null, problem: null });
  const streamRef = useRef<MediaStream | null>(null);

  const stop = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    setState((s) => ({ ...s, stream: null }));
  }, []);

  const start = useCallback(
    async (deviceId: string) => {
      stop();
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 3264 }, height: { ideal: 2448 } },
          audio: false,
        });
        streamRef.current = stream;
        const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
        const actual = stream.getVideoTracks()[0]?.getSettings().deviceId ?? deviceId;
        setState({ devices, deviceId: actual, stream, problem: null });
        if (actual && actual !== savedDeviceId) void call('settings.update', { devices: { camera: { deviceId: actual } } }).catch(() => undefined);
      } catch (error) {
        // A remembered camera that is gone: try any camera before giving up.
        if (deviceId && (error as { name?: string }).name === 'OverconstrainedError') return start('');
        setState((s) => ({ ...s, stream: null, problem: cameraProblem(error) }));
      }
    },
    [savedDeviceId, stop],
  );

  useEffect(() => () => streamRef.current?.getTracks().forEach((t) => t.stop()), []);
  return { ...state, start, stop };
}
