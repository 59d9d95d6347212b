import type { CardReadPayload } from '../../shared/contract/idcard';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const hasLatin = /[A-Za-z]{4,}/;

/** Opens the 模拟证件 list (again, if something closed it) and picks a card. */
async function pickCard(page: Page, drawer: Locator, label: string) {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(async () => {
    if (!(await open.isVisible())) await drawer.getByLabel('模拟证件').click();
    await open.getByText(label, { exact: true }).click({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test('training mode: the clerk places each card type on the simulated reader and the preview shows it', async ({ page, host, services }, testInfo) => {
  test.setTimeout(120_000);
  const reads: CardReadPayload[] = [];
  services.events.subscribe((name, payload) => {
    if (name === 'idcard.cardRead') reads.push(payload as CardReadPayload);
  });
  await page.goto(host.pageUrl('clerk'));
  const chip = page.getByRole('button', { name: '身份证读卡器' });
  await expect(chip).toContainText('身份证读卡器 · 模拟设备');
  // The simulator really runs: socat pty pair, simulator process, serial driver.
  await expect(page.getByTestId('idcard-state').first()).toHaveText('就绪', { timeout: 30_000 });
  await chip.click();
  const drawer = page.getByRole('dialog', { name: '身份证读卡器' });
  await expect(drawer.getByText('尚未读卡：请把证件放在读卡器上')).toBeVisible();

  const expected: { label: string; check: Partial<CardReadPayload>; shown: string; number: string }[] = [
    { label: '居民身份证 · 张伟（男，汉族）', shown: '张伟', number: '110105********002X', check: { cardType: 'resident', name: '张伟', gender: '男', nation: '汉', birthDate: '1949-12-31', idNumber: '11010519491231002X', validTo: '2035-03-01' } },
    { label: '港澳台居民居住证 · 陈家豪', shown: '陈家豪', number: '810000********0021', check: { cardType: 'hkMacaoTaiwan', passNumber: 'H12345678', issueCount: 1, nation: null } },
    { label: '外国人永久居留身份证（2017 版）· ALIYEV', shown: '阿利耶夫', number: 'KAZ110*****3105', check: { cardType: 'foreigner2017', englishName: 'ALIYEV, NURLAN', nationality: 'KAZ', birthDate: '1990-12-31' } },
    { label: '外国人永久居留身份证（2023 版）· SMITH', shown: '史密斯', number: '911840********0118', check: { cardType: 'foreigner2023', englishName: 'SMITH, JOHNATHAN ALEXANDER BARTHOLOMEW WILLIAM', renewalCount: 1, previousNumberLink: '123' } },
    { label: '居民身份证 · 王小明（有最新住址）', shown: '王小明', number: '440308********1512', check: { newestAddress: '广东省深圳市南山区粤海街道科技园南区深南大道10000号' } },
    { label: '居民身份证 · 李秀英（女，回族，长期有效）', shown: '李秀英', number: '340524********001X', check: { longTerm: true, validTo: null } },
  ];
  for (const [i, card] of expected.entries()) {
    await pickCard(page, drawer, card.label);
    await drawer.getByRole('button', { name: '放置证件' }).click();
    await expect(drawer.getByTestId('idcard-name')).toHaveText(card.shown, { timeout: 15_000 });
    await expect(drawer.getByTestId('idcard-number')).toHaveText(card.number);
    await expect.poll(() => reads.length).toBe(i + 1);
    expect(reads[i]).toMatchObject(card.check);
    expect(reads[i]!.photoWlt).toHaveLength(1368); // base64 of 1024 bytes
    if (i === 2) await page.screenshot({ path: testInfo.outputPath('idcard-foreigner.png') });
  }
  await expect(drawer.getByText('2020-06-15 至 长期')).toBeVisible();
  await expect(drawer.locator('.idcard-photo-placeholder')).toBeVisible();

  // An expired card: the warning shows.
  await pickCard(page, drawer, '居民身份证 · 赵敏（已过期）');
  await drawer.getByRole('button', { name: '放置证件' }).click();
  await expect(drawer.getByText('证件已过有效期')).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: testInfo.outputPath('idcard-expired.png') });
  expect(await drawer.innerText()).not.toMatch(hasLatin);

  // Taken away: no new read; the same card placed again is read again.
  await drawer.getByRole('button', { name: '取走' }).click();
  await expect(drawer.getByRole('button', { name: '取走' })).toBeDisabled();
  await drawer.getByRole('button', { name: '放置证件' }).click();
  await expect.poll(() => reads.length).toBe(expected.length + 2);
});

test('a reader set to a serial port that does not exist shows the fault in Chinese on the chip', async ({ page, host, services }, testInfo) => {
  services.settings.update({ devices: { idcard: { ...services.settings.get().devices.idcard, driver: 'samSerial', port: '/dev/ttyNOPE0' } } });
  await page.goto(host.pageUrl('clerk'));
  await expect(page.getByRole('button', { name: '身份证读卡器' })).toContainText('身份证读卡器 · 串口');
  await expect(page.getByTestId('idcard-state')).toHaveText('故障：无法打开读卡器串口 /dev/ttyNOPE0。', { timeout: 15_000 });
  await page.screenshot({ path: testInfo.outputPath('idcard-fault.png') });
});
