/*
 * A stand-in for a reader vendor's library with the real entry points and calling conventions
 * (sdtapi SDT_*, termb CVR_* and getters, libwlt2bmp unpack / WltRS GetBmp). The card it
 * "reads" is set by the test through TEST_* functions. Built by the tests with gcc -shared.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int is_open = 0, present = 0, has_newest = 0;
static uint8_t text[256], photo[1024], newest[70];
static char fields[10][256];
static int field_len[10];

void TEST_SetCard(const uint8_t *t, const uint8_t *p, const uint8_t *n, int is_present) {
  memcpy(text, t, 256);
  memcpy(photo, p, 1024);
  has_newest = n != NULL;
  if (n) memcpy(newest, n, 70);
  present = is_present;
}
void TEST_SetTermbField(int idx, const uint8_t *gbk, int len) {
  memcpy(fields[idx], gbk, len);
  field_len[idx] = len;
}

#ifndef ONLY_GETBMP
int SDT_OpenPort(int port) { if (port != 1001) return 0x01; is_open = 1; return 0x90; }
int SDT_ClosePort(int port) { (void)port; is_open = 0; return 0x90; }
int SDT_StartFindIDCard(int port, uint8_t *iin, int ifopen) {
  (void)port; (void)ifopen;
  if (!is_open) return 0x01;
  memset(iin, 0, 4);
  return present ? 0x9F : 0x80;
}
int SDT_SelectIDCard(int port, uint8_t *sn, int ifopen) { (void)port; (void)ifopen; memset(sn, 0, 8); return present ? 0x90 : 0x81; }
int SDT_ReadBaseMsg(int port, uint8_t *ch, unsigned int *chlen, uint8_t *ph, unsigned int *phlen, int ifopen) {
  (void)port; (void)ifopen;
  if (!present) return 0x41;
  memcpy(ch, text, 256); *chlen = 256;
  memcpy(ph, photo, 1024); *phlen = 1024;
  return 0x90;
}
int SDT_ReadNewAppMsg(int port, uint8_t *app, unsigned int *len, int ifopen) {
  (void)port; (void)ifopen;
  if (!has_newest) { *len = 0; return 0x91; }
  memcpy(app, newest, 70); *len = 70;
  return 0x90;
}

int CVR_InitComm(int port) { is_open = port == 1001; return is_open; }
int CVR_CloseComm(void) { is_open = 0; return 1; }
int CVR_Authenticate(void) { return is_open && present ? 1 : 0; }
int CVR_Read_Content(int active) { (void)active; return present ? 1 : 0; }
static int get(int idx, uint8_t *buf, int *len) {
  if (*len < field_len[idx]) return 0;
  memcpy(buf, fields[idx], field_len[idx]);
  *len = field_len[idx];
  return 1;
}
int GetPeopleName(uint8_t *b, int *l) { return get(0, b, l); }
int GetPeopleSex(uint8_t *b, int *l) { return get(1, b, l); }
int GetPeopleNation(uint8_t *b, int *l) { return get(2, b, l); }
int GetPeopleBirthday(uint8_t *b, int *l) { return get(3, b, l); }
int GetPeopleAddress(uint8_t *b, int *l) { return get(4, b, l); }
int GetPeopleIDCode(uint8_t *b, int *l) { return get(5, b, l); }
int GetDepartment(uint8_t *b, int *l) { return get(6, b, l); }
int GetStartDate(uint8_t *b, int *l) { return get(7, b, l); }
int GetEndDate(uint8_t *b, int *l) { return get(8, b, l); }
int GetCertType(uint8_t *b, int *l) { return get(9, b, l); }
#endif

/* 102x126 24-bit BMP filled with the colour in wlt[4..6]; wlt[4] == 0xEE plays "unlicensed". */
static int make_bmp(const uint8_t *wlt, uint8_t *bmp) {
  if (wlt[4] == 0xEE) return -5;
  const int w = 102, h = 126, stride = 308, size = 54 + stride * h;
  memset(bmp, 0, size);
  bmp[0] = 'B'; bmp[1] = 'M';
  memcpy(bmp + 2, &size, 4);
  int off = 54, hdr = 40, planes = 1, bpp = 24;
  memcpy(bmp + 10, &off, 4); memcpy(bmp + 14, &hdr, 4);
  memcpy(bmp + 18, &w, 4); memcpy(bmp + 22, &h, 4);
  memcpy(bmp + 26, &planes, 2); memcpy(bmp + 28, &bpp, 2);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      uint8_t *px = bmp + 54 + y * stride + x * 3;
      px[0] = wlt[6]; px[1] = wlt[5]; px[2] = wlt[4];
    }
  return 1;
}

#ifdef ONLY_GETBMP
int GetBmp(const char *wlt_path, int intf) {
  (void)intf;
  uint8_t wlt[1024], bmp[54 + 308 * 126];
  FILE *f = fopen(wlt_path, "rb");
  if (!f) return -3;
  size_t n = fread(wlt, 1, 1024, f);
  fclose(f);
  if (n != 1024) return -4;
  int r = make_bmp(wlt, bmp);
  if (r != 1) return r;
  char out[4096];
  size_t len = strlen(wlt_path);
  if (len < 4 || len > 4000) return -2;
  memcpy(out, wlt_path, len - 4);
  strcpy(out + len - 4, ".bmp");
  f = fopen(out, "wb");
  if (!f) return -3;
  fwrite(bmp, 1, sizeof bmp, f);
  fclose(f);
  return 1;
}
#else
int unpack(const uint8_t *wlt, uint8_t *bmp, int flag) { (void)flag; return make_bmp(wlt, bmp); }
#endif
