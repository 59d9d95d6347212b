/** SW3, the SAM module's status byte, with the wording clerks see (厂商协议的中文释义). */
export const SW3 = {
  ok: 0x90,
  noContent: 0x91,
  findOk: 0x9f,
  badChecksum: 0x10,
  badLength: 0x11,
  badCommand: 0x21,
  unauthorized: 0x23,
  unknownError: 0x24,
  cardAuthSamFailed: 0x31,
  samAuthCardFailed: 0x32,
  verifyFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorized: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

const messages: Record<number, string> = {
  0x90: '操作成功',
  0x91: '证/卡中此项无内容',
  0x9f: '寻找证/卡成功',
  0x10: '接收数据校验和错',
  0x11: '接收数据长度错',
  0x21: '接收数据命令错',
  0x23: '越权操作',
  0x24: '无法识别的错误',
  0x31: '证/卡认证 SAM 失败',
  0x32: 'SAM 认证证/卡失败',
  0x33: '信息验证错误',
  0x40: '无法识别的卡类型',
  0x41: '读证/卡操作失败',
  0x47: '取随机数失败',
  0x60: 'SAM 自检失败',
  0x66: 'SAM 未授权',
  0x80: '寻找证/卡失败',
  0x81: '选取证/卡失败',
};

export function sw3Message(sw3: number): string {
  return messages[sw3] ?? `未知状态码 ${sw3.toString(16).toUpperCase().padStart(2, '0')}`;
}
