import { method } from './define';
import { queueSettingsPatchSchema, queueSettingsSchema } from './queue';
import { z } from './zod';

/** 行政区划代码: six digits, the hall's county-level division. */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字');

export const idcardDriverSchema = z.enum(['none', 'samSerial', 'vendorLibrary', 'simulator']);
export const vendorFlavourSchema = z.enum(['sdtapi', 'termb']);

export const deviceSettingsSchema = z.object({
  idcard: z
    .object({
      driver: idcardDriverSchema.default('simulator'),
      /** Serial port path (COM3, /dev/ttyUSB0); empty → discover. */
      port: z.string().max(200).default(''),
      /** `30 10` returns the fingerprint block too; some readers need it. */
      readFingerprint: z.boolean().default(false),
      readNewestAddress: z.boolean().default(true),
      vendorLibraryPath: z.string().max(500).default(''),
      vendorFlavour: vendorFlavourSchema.default('sdtapi'),
      photoDecoderPath: z.string().max(500).default(''),
    })
    .default({
      driver: 'simulator',
      port: '',
      readFingerprint: false,
      readNewestAddress: true,
      vendorLibraryPath: '',
      vendorFlavour: 'sdtapi',
      photoDecoderPath: '',
    }),
  camera: z
    .object({
      /** MediaDeviceInfo.deviceId of the 高拍仪, remembered per window. */
      deviceId: z.string().max(500).default(''),
    })
    .default({ deviceId: '' }),
  scanner: z
    .object({
      kind: z.enum(['none', 'escl', 'sane', 'naps2']).default('none'),
      /** eSCL base URL, SANE device name or NAPS2 profile, depending on kind. */
      address: z.string().max(500).default(''),
      naps2Path: z.string().max(500).default(''),
    })
    .default({ kind: 'none', address: '', naps2Path: '' }),
  barcode: z
    .object({
      /** Serial port of a scan gun in USB-COM mode (COM5, /dev/ttyACM0); empty → keyboard mode only. */
      port: z.string().max(200).default(''),
      baudRate: z.number().int().min(1200).max(115200).default(9600),
    })
    .default({ port: '', baudRate: 9600 }),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

const urlOrEmpty = z.union([z.literal(''), z.url({ protocol: /^https?$/, error: '请填写 http:// 或 https:// 开头的地址' })]);

export const settingsSchema = z.object({
  hallCode: regionCodeSchema,
  hallName: z.string().trim().min(1, '请填写大厅名称').max(60),
  /** 窗口号, printed in the 受理号 as two digits. */
  windowNo: z.number().int().min(1, '窗口号为 1–99').max(99, '窗口号为 1–99'),
  clerkName: z.string().trim().max(30),
  centralUrl: urlOrEmpty,
  /** Hall queue service: empty → the one embedded in this client. */
  hallServiceUrl: urlOrEmpty,
  devices: deviceSettingsSchema,
  /** 排队叫号: embedded hall service or a remote one, and what this window serves. */
  queue: queueSettingsSchema.default(queueSettingsSchema.parse({})),
  auth: z
    .object({
      /** Days a clerk may sign in offline after the last sign-in the platform confirmed. */
      offlineDays: z.number().int().min(0).max(30).default(7),
      /** Screen lock after this many idle minutes (0 = never). */
      idleLockMinutes: z.number().int().min(0).max(120).default(5),
      /** Five wrong passwords lock the account on this machine for this long. */
      lockoutMinutes: z.number().int().min(1).max(1440).default(15),
    })
    .default({ offlineDays: 7, idleLockMinutes: 5, lockoutMinutes: 15 }),
  customer: z
    .object({
      /** 服务承诺 shown on the idle customer screen. */
      servicePromise: z.string().max(200).default('一次告知 · 首问负责 · 限时办结'),
    })
    .default({ servicePromise: '一次告知 · 首问负责 · 限时办结' }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema
  .omit({ devices: true, queue: true })
  .partial()
  .extend({ devices: deviceSettingsSchema.partial().optional(), queue: queueSettingsPatchSchema.optional() })
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings.get': method({
    summary: '读取本窗口设置',
    input: z.object({}).strict(),
    output: settingsSchema,
  }),
  'settings.update': method({
    summary: '修改本窗口设置',
    input: settingsPatchSchema,
    output: settingsSchema,
  }),
};

export const settingsEvents = {
  'settings.changed': settingsSchema,
};
