/**
 * Fixed wording printed on documents. It lives in shared so that the service freezes it into a
 * document's content (a reprint shows what the applicant was handed) and the templates can fall
 * back to it for documents made before the text was frozen.
 */

/** 不予受理决定书: the applicant's remedies (行政许可法 §32(1)(2), 行政复议法, 行政诉讼法). */
export const refusalRemedyText =
  '申请人如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。';

/** The placeholder of the seal the window stamps after printing. */
export const acceptanceSealText = '（受理专用章）';
