import { z } from 'zod';

// Schema issues reach the clerk; zod's own zh-CN locale phrases them in Chinese.
z.config(z.locales.zhCN());

export { z };
