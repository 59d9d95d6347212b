import type { DB } from '../db/connection';

export interface SearchHit {
  kind: 'item' | 'bundle';
  id: string;
  name: string;
  deptName: string;
  taskCode: string;
  projectType: 'instant' | 'promise' | null;
  promiseLimit: number;
  sample: boolean;
  uses: number;
}

interface Entry extends SearchHit {
  lowerName: string;
  pinyin: string;
  initials: string;
  codes: string;
}

/**
 * In-memory index over the active catalogue: a clerk searches on every keystroke, so matching is
 * plain string scans over precomputed keys (15,000 items scan in about a millisecond) rather than
 * SQL round trips. Rebuilt when the catalogue changes.
 */
export class CatalogIndex {
  private entries: Entry[] = [];
  private last: { query: string; ascii: boolean; matches: Entry[] } | null = null;

  constructor(private readonly db: DB) {
    this.reload();
  }

  reload(): void {
    this.last = null;
    const usage = new Map((this.db.prepare('SELECT target_id, uses FROM catalog_usage').all() as { target_id: string; uses: number }[]).map((r) => [r.target_id, r.uses]));
    const items = this.db
      .prepare("SELECT id, name, dept_name, task_code, catalog_code, project_type, promise_limit, sample, search_pinyin, search_initials FROM catalog_items WHERE status = 'active'")
      .all() as Record<string, string | number>[];
    const bundles = this.db.prepare("SELECT id, name, promise_limit, sample, search_pinyin, search_initials FROM catalog_bundles WHERE status = 'active'").all() as Record<string, string | number>[];
    this.entries = [
      ...bundles.map((r) => ({
        kind: 'bundle' as const,
        id: r.id as string,
        name: r.name as string,
        deptName: '一件事',
        taskCode: '',
        projectType: null,
        promiseLimit: r.promise_limit as number,
        sample: r.sample === 1,
        uses: usage.get(r.id as string) ?? 0,
        lowerName: (r.name as string).toLowerCase(),
        pinyin: r.search_pinyin as string,
        initials: r.search_initials as string,
        codes: '',
      })),
      ...items.map((r) => ({
        kind: 'item' as const,
        id: r.id as string,
        name: r.name as string,
        deptName: r.dept_name as string,
        taskCode: r.task_code as string,
        projectType: r.project_type as 'instant' | 'promise',
        promiseLimit: r.promise_limit as number,
        sample: r.sample === 1,
        uses: usage.get(r.id as string) ?? 0,
        lowerName: (r.name as string).toLowerCase(),
        pinyin: r.search_pinyin as string,
        initials: r.search_initials as string,
        codes: `${r.task_code} ${r.catalog_code}`.toLowerCase(),
      })),
    ];
  }

  get size(): number {
    return this.entries.length;
  }

  noteUse(id: string): void {
    const e = this.entries.find((x) => x.id === id);
    if (e) e.uses++;
    this.last = null;
  }

  /**
   * Chinese substring, full pinyin, initials or code. Scores: name prefix > substring; then how
   * often this window uses it; then shorter names (the general item before its variants).
   */
  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim().toLowerCase().replace(/\s+/g, '');
    if (q === '') return this.frequent(Math.min(limit, 12));
    const ascii = /^[a-z]+$/.test(q);
    // Typing extends the previous query: anything that matches now matched before, so scan
    // only the previous matches instead of the whole catalogue.
    const pool = this.last && q.startsWith(this.last.query) && this.last.ascii === ascii ? this.last.matches : this.entries;
    const matches: Entry[] = [];
    const top: { e: Entry; score: number }[] = [];
    for (const e of pool) {
      let score = -1;
      if (ascii) {
        if (e.initials.startsWith(q) || e.pinyin.startsWith(q)) score = 3;
        else if (e.initials.includes(q) || e.pinyin.includes(q)) score = 2;
      } else {
        const at = e.lowerName.indexOf(q);
        if (at === 0) score = 3;
        else if (at > 0) score = 2;
        else if (e.codes.includes(q)) score = e.codes.startsWith(q) ? 3 : 1;
      }
      if (score < 0) continue;
      matches.push(e);
      // Keep only the best `limit` in order: a full sort of thousands of matches per keystroke is the slow part.
      const cand = { e, score };
      if (top.length === limit && better(top[limit - 1]!, cand)) continue;
      let i = top.length;
      while (i > 0 && better(cand, top[i - 1]!)) i--;
      top.splice(i, 0, cand);
      if (top.length > limit) top.pop();
    }
    this.last = { query: q, ascii, matches };
    return top.map(({ e }) => hit(e));
  }

  /** This window's most used items and bundles, padded with the catalogue's first entries (bundles, then the named guides). */
  frequent(limit = 12): SearchHit[] {
    const used = this.entries.filter((e) => e.uses > 0).sort((a, b) => b.uses - a.uses);
    const picked = new Set(used.map((e) => e.id));
    for (const e of this.entries) {
      if (used.length >= limit) break;
      if (!picked.has(e.id)) used.push(e);
    }
    return used.slice(0, limit).map(hit);
  }
}

/** Ranking: score, then bundles, then this window's usage, then shorter names (the general item before its variants). */
function better(a: { e: Entry; score: number }, b: { e: Entry; score: number }): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const ab = a.e.kind === 'bundle' ? 1 : 0;
  const bb = b.e.kind === 'bundle' ? 1 : 0;
  if (ab !== bb) return ab > bb;
  if (a.e.uses !== b.e.uses) return a.e.uses > b.e.uses;
  return a.e.name.length < b.e.name.length;
}

const hit = (e: Entry): SearchHit => ({
  kind: e.kind,
  id: e.id,
  name: e.name,
  deptName: e.deptName,
  taskCode: e.taskCode,
  projectType: e.projectType,
  promiseLimit: e.promiseLimit,
  sample: e.sample,
  uses: e.uses,
});
