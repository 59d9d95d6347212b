import { AppError } from '../../../../shared/contract/errors';

/**
 * The clerk-facing message for a scanner problem, from eSCL's AdfState/State or SANE's status
 * text. One table for every driver, so the same jam reads the same whichever scanner it is.
 */
export function scannerProblem(state: string, detail: string): AppError {
  const s = state.toLowerCase();
  if (/jam/.test(s)) return new AppError('DEVICE', '扫描仪卡纸了。', { hint: '请打开扫描仪盖板取出卡住的纸张，整理好后重新放入，再点“扫描”。' });
  if (/adfempty|no_docs|no docs|document feeder out of documents|out of documents|empty/.test(s)) return new AppError('DEVICE', '进纸器里没有纸。', { hint: '请把材料正面朝下放入进纸器后再点“扫描”；单页材料也可以改用平板扫描。' });
  if (/dooropen|cover_open|cover open|cover is open/.test(s)) return new AppError('DEVICE', '扫描仪盖板没有合上。', { hint: '请合上扫描仪盖板后重试。' });
  if (/busy|processing|testing/.test(s)) return new AppError('DEVICE', '扫描仪正忙。', { hint: '请等扫描仪完成当前任务（或预热结束）后重试。' });
  if (/down|stopped/.test(s)) return new AppError('DEVICE', '扫描仪处于停止状态。', { hint: '请检查扫描仪面板上的提示，必要时关机再开机。' });
  return new AppError('DEVICE', '扫描没有完成。', { hint: '请检查扫描仪后重试；如果仍然出错，请联系信息科。', cause: new Error(detail) });
}
