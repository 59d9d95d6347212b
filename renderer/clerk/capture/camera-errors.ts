/** What the clerk reads when the 高拍仪 cannot be opened, by the browser's error name. */
export function cameraProblem(error: unknown): { message: string; hint: string } {
  const name = (error as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { message: '没有找到高拍仪。', hint: '请检查高拍仪的 USB 线是否插好，插好后点“重新连接”。' };
    case 'NotReadableError':
    case 'AbortError':
      return { message: '高拍仪正被其他程序占用。', hint: '请关闭正在使用高拍仪的其他程序（如厂家自带的拍照软件），然后点“重新连接”。' };
    case 'NotAllowedError':
    case 'SecurityError':
      return { message: '没有使用高拍仪的权限。', hint: '请联系信息科在本机允许综合窗口使用摄像头。' };
    default:
      return { message: '高拍仪无法打开。', hint: '请拔插一次高拍仪后点“重新连接”；如果仍然不行，请改用扫描仪。' };
  }
}
